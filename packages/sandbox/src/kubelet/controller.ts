/** A running watch-driven controller of the kubelet. */
export interface Controller {
  /** Ends its watches, drops queued work and waits for running reconciles. */
  stop(): Promise<void>;
}
