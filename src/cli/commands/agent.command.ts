import { Command } from 'commander';
import { AgentFlags, parseAgentOptions } from '../agent/agent-options';
import { stderrLog } from '../agent/agent-log';
import { runAgent } from '../agent/agent';
import { consentStrategy } from '../agent/consent';
import { Env, UsageError } from '../client/credentials-store';

export function registerAgentCommand(program: Command, env: Env): void {
  program
    .command('agent')
    .description('Run the device agent: enrol, heartbeat, take session offers and bridge them to the local VNC/RDP server')
    .option('--server <url>', 'rcgate server URL (RCGATE_SERVER)')
    .option('--enrollment-key <key>', 'enrolment key, needed the first time (RCGATE_ENROLLMENT_KEY)')
    .option('--site <code>', 'site code to enrol in, e.g. S01 (RCGATE_SITE)')
    .option('--name <name>', 'device name, default the host name upper-cased, at most 15 characters (RCGATE_NAME)')
    .option('--join-type <type>', 'domain or workgroup, default detected from /etc (RCGATE_JOIN_TYPE)')
    .option('--domain <name>', 'domain name, implies --join-type domain (RCGATE_DOMAIN)')
    .option('--workgroup <name>', 'workgroup name, default WORKGROUP (RCGATE_WORKGROUP)')
    .option('--target <host:port>', 'VNC server for Remote Control and Remote Assistance (RCGATE_TARGET)', undefined)
    .option('--rdp-target <host:port>', 'RDP server for Remote Desktop (RCGATE_RDP_TARGET)')
    .option('--state-dir <dir>', 'where agent.json is kept, default $XDG_CONFIG_HOME/rcgate-agent (RCGATE_STATE_DIR)')
    .option('--user <name>', 'logged-on user to report, default detected with `who` (RCGATE_USER)')
    .option('--unattended', 'always report no logged-on user (RCGATE_UNATTENDED=1)')
    .option('--consent <mode>', 'prompt | grant | deny | command:<cmd> (RCGATE_CONSENT), default prompt')
    .action(async (flags: AgentFlags) => {
      process.exit(await agentMain(flags, env));
    });
}

/** Runs until SIGTERM/SIGINT, then closes the relay sockets and returns 0. */
export async function agentMain(flags: AgentFlags, env: Env): Promise<number> {
  let options;
  try {
    options = parseAgentOptions(flags, env);
  } catch (error) {
    stderrLog((error as Error).message);
    return 1;
  }
  const controller = new AbortController();
  let signals = 0;
  const stop = (signal: NodeJS.Signals) => {
    if (++signals > 1) process.exit(130);
    stderrLog(`${signal} received; closing sessions`);
    controller.abort(new Error(signal));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  try {
    await runAgent(options, stderrLog, controller.signal, consentStrategy(options.consent, { env }));
    return 0;
  } catch (error) {
    if (controller.signal.aborted) return 0;
    stderrLog(error instanceof UsageError ? error.message : `stopped: ${(error as Error).message}`);
    return 1;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
  }
}
