import { Clock } from '@app/platform';

/** A clock tests can move: follows real time, shifted by an offset. */
export class TestClock extends Clock {
  private static offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + TestClock.offsetMs);
  }

  static shift(ms: number): void {
    TestClock.offsetMs = ms;
  }

  /** the current shift in milliseconds */
  static get offset(): number {
    return TestClock.offsetMs;
  }

  static reset(): void {
    TestClock.offsetMs = 0;
  }
}
