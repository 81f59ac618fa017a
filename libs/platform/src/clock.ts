/** The time source of the workflow; tests replace it to move across a notice window. */
export abstract class Clock {
  abstract now(): Date;

  /**
   * Brings a clock that follows a shared setting up to date (the demo clock); nothing to do for the others. Called
   * where a stale reading would matter (before the notice sweeper and deadline jobs compare with the time).
   */
  refresh(): Promise<void> {
    return Promise.resolve();
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
