//! The button debouncer of exercise 12.5, sampled every millisecond.
//!
//! A mechanical button bounces: for a few milliseconds after it is pressed or released, its
//! contact reads both ways. The debouncer reports a press only after the level has been steady
//! for [`SETTLE_TICKS`] samples, a long press once the button has been held for
//! [`LONG_PRESS_TICKS`], and a release after the level has been steady again.
//!
//! Everything above `mod tests` is the workbook's; the tests are yours to write.
#![no_std]

/// Samples the level must read the same before a change counts.
pub const SETTLE_TICKS: u8 = 3;
/// Samples the button must be held, after its press was reported, for a long press.
pub const LONG_PRESS_TICKS: u16 = 100;

/// What the debouncer reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Pressed,
    LongPress,
    Released,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Not pressed.
    Idle,
    /// Read pressed for `count` samples in a row, not yet reported.
    Settling { count: u8 },
    /// Pressed and reported, for `ticks` samples since.
    Held { ticks: u16, long_sent: bool },
    /// Held, then read released for `count` samples in a row.
    Releasing {
        count: u8,
        ticks: u16,
        long_sent: bool,
    },
}

// ANCHOR: debouncer
/// A debounced button.
pub struct Debouncer {
    state: State,
}

// A `const fn new` is what a `static` needs; a `Default` would be code no test runs.
#[allow(clippy::new_without_default)]
impl Debouncer {
    pub const fn new() -> Self {
        Debouncer { state: State::Idle }
    }

    /// Takes one sample of the button's level (`true`: pressed) and says what happened.
    pub fn sample(&mut self, pressed: bool) -> Option<Event> {
        let (next, event) = match self.state {
            State::Idle if pressed => (State::Settling { count: 1 }, None),
            State::Idle => (State::Idle, None),
            // A bounce while settling: the press has not happened yet.
            State::Settling { .. } if !pressed => (State::Idle, None),
            State::Settling { count } if count + 1 >= SETTLE_TICKS => (
                State::Held {
                    ticks: 0,
                    long_sent: false,
                },
                Some(Event::Pressed),
            ),
            State::Settling { count } => (State::Settling { count: count + 1 }, None),
            State::Held { ticks, long_sent } if !pressed => (
                State::Releasing {
                    count: 1,
                    ticks,
                    long_sent,
                },
                None,
            ),
            State::Held {
                ticks,
                long_sent: false,
            } if ticks + 1 >= LONG_PRESS_TICKS => (
                State::Held {
                    ticks: ticks + 1,
                    long_sent: true,
                },
                Some(Event::LongPress),
            ),
            State::Held { ticks, long_sent } => (
                State::Held {
                    ticks: ticks.saturating_add(1),
                    long_sent,
                },
                None,
            ),
            // A bounce while releasing: the button is still held.
            State::Releasing {
                ticks, long_sent, ..
            } if pressed => (State::Held { ticks, long_sent }, None),
            State::Releasing { count, .. } if count + 1 >= SETTLE_TICKS => {
                (State::Idle, Some(Event::Released))
            }
            State::Releasing {
                count,
                ticks,
                long_sent,
            } => (
                State::Releasing {
                    count: count + 1,
                    ticks,
                    long_sent,
                },
                None,
            ),
        };
        self.state = next;
        event
    }
}
// ANCHOR_END: debouncer

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `levels` to a new debouncer; the events with the index of the sample that gave each.
    fn events(levels: &[bool]) -> ([(usize, Event); 8], usize) {
        let mut debouncer = Debouncer::new();
        let mut found = [(0, Event::Pressed); 8];
        let mut count = 0;
        for (tick, &level) in levels.iter().enumerate() {
            if let Some(event) = debouncer.sample(level)
                && let Some(slot) = found.get_mut(count)
            {
                *slot = (tick, event);
                count += 1;
            }
        }
        (found, count)
    }

    #[test]
    fn a_steady_press_is_reported_on_its_third_sample() {
        let (found, count) = events(&[false, true, true, true, true]);
        assert_eq!(count, 1);
        assert_eq!(found[0], (3, Event::Pressed));
    }

    // TODO: tests that run the lines the coverage report says never ran, and check what they do.
}
// ANCHOR_END: tests
