import { consoleClient } from '../rpc/client';

const services = {
  psa: { procedure: 'psa.disconnect', done: 'Disconnected from Alga PSA' },
  relay: { procedure: 'relay.disconnect', done: 'Disconnected from the relay' },
} as const;

/** Disconnects a service through the card's own runner (which shows progress, the result or the error). */
export function DisconnectButton(props: {
  from: keyof typeof services;
  disabled: boolean;
  run(task: () => Promise<string>): void;
}) {
  const { procedure, done } = services[props.from];
  return (
    <button
      type="button"
      disabled={props.disabled}
      onClick={() =>
        props.run(() =>
          consoleClient()
            .call(procedure, {})
            .then(() => done),
        )
      }
    >
      Disconnect
    </button>
  );
}
