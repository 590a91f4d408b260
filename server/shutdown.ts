/**
 * Closes gracefully on SIGTERM or SIGINT: `close` stops accepting connections, lets in-flight
 * requests finish, and releases resources; then the process exits. A second signal while
 * closing exits at once (someone pressed Ctrl+C twice on purpose).
 */
export function closeOnSignals(close: () => Promise<void>, log: (message: string) => void = () => {}): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      log(`${signal} again: exiting now.`);
      process.exit(1);
    }
    closing = true;
    log(`${signal}: shutting down…`);
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Shutdown failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
