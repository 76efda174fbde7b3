/** Progress lines on stderr (stdout stays free for scripts); a live countdown on a terminal. */
export class Progress {
  private countdownTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
    private readonly now: () => number = Date.now,
  ) {}

  step(message: string): void {
    this.stopCountdown();
    this.out.write(`rcgate: ${message}\n`);
  }

  /** "awaiting the user's consent… 42 s left", redrawn each second on a TTY, every 10 s otherwise. */
  countdown(label: string, deadline: Date): void {
    this.stopCountdown();
    const tty = this.out.isTTY === true;
    let lastPrinted = Number.POSITIVE_INFINITY;
    const draw = () => {
      const left = Math.max(0, Math.ceil((deadline.getTime() - this.now()) / 1000));
      if (tty) this.out.write(`\rrcgate: ${label}… ${formatSeconds(left)} left \x1b[K`);
      else if (lastPrinted - left >= 10 || lastPrinted === Number.POSITIVE_INFINITY) {
        this.out.write(`rcgate: ${label}… ${formatSeconds(left)} left\n`);
        lastPrinted = left;
      }
    };
    draw();
    this.countdownTimer = setInterval(draw, 1000);
    this.countdownTimer.unref();
  }

  stopCountdown(): void {
    if (!this.countdownTimer) return;
    clearInterval(this.countdownTimer);
    this.countdownTimer = undefined;
    if (this.out.isTTY) this.out.write('\n');
  }
}

export function formatSeconds(seconds: number): string {
  return seconds >= 60 ? `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}` : `${seconds} s`;
}
