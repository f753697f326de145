import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The ceiling for `npm run bench -- relay`: reads each request body and answers 200, no other work. */
const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 2 });
    res.end('{}');
  });
});
server.listen(0, '127.0.0.1', () => {
  console.log(`bare server listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
