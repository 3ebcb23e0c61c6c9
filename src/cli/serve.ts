/** Keeps a server the CLI started running until Ctrl+C (or SIGTERM), then closes it. */
export function untilInterrupted(server: { close(): Promise<void> }): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
