import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The 200 stream clients of the fan-out benchmark, in a worker thread so their parsing and garbage
 * collection do not delay the sender's timestamps. Each frame's arrival time (epoch ms, high
 * resolution) goes into a shared array at [client * slots + seq]. Frames are cut at the blank line
 * and only the leading `id: <seq>` is read: the relay writes every event frame that way.
 */
interface Job {
  url: string;
  token: string;
  clients: number;
  slots: number;
  arrivals: SharedArrayBuffer;
}

const job = workerData as Job;
const arrivals = new Float64Array(job.arrivals);
const clock = () => performance.timeOrigin + performance.now();

function open(index: number): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const req = request(`${job.url}/v1/events`, {
      headers: { Authorization: `Bearer ${job.token}` },
      agent: false,
    });
    req.once('error', reject);
    req.once('response', (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream refused: ${res.statusCode}`));
      const base = index * job.slots;
      let carry: Buffer | null = null;
      res.on('data', (chunk: Buffer) => {
        const now = clock();
        const buffer: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
        let start = 0;
        for (let end = buffer.indexOf('\n\n', start); end !== -1; end = buffer.indexOf('\n\n', start)) {
          if (buffer[start] === 0x69 /* i */ && buffer[start + 1] === 0x64 /* d */) {
            let seq = 0;
            for (let i = start + 4; buffer[i]! >= 0x30 && buffer[i]! <= 0x39; i++)
              seq = seq * 10 + buffer[i]! - 0x30;
            if (seq < job.slots) arrivals[base + seq] = now;
          }
          start = end + 2;
        }
        carry = start < buffer.length ? Buffer.from(buffer.subarray(start)) : null;
      });
      resolve(() => req.destroy());
    });
    req.end();
  });
}

const closers: (() => void)[] = [];
for (let i = 0; i < job.clients; i++) closers.push(await open(i));
parentPort!.postMessage('ready');
parentPort!.once('message', () => {
  for (const close of closers) close();
  parentPort!.postMessage('closed');
});
