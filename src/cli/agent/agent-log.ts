/** The agent's log: one timestamped line per event on stderr (systemd and docker keep it). */
export type AgentLog = (message: string) => void;

export const stderrLog: AgentLog = (message) => process.stderr.write(`${new Date().toISOString()} rcgate-agent: ${message}\n`);

export const silentLog: AgentLog = () => undefined;
