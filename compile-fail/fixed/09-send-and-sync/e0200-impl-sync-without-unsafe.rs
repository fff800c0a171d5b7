//! Fixed event log: `unsafe impl Sync`, with a `SAFETY:` comment that says why sharing an
//! `EventLog` between contexts is sound. The methods below are what make the comment true.

use core::cell::UnsafeCell;

/// The last events the firmware recorded, newest last.
struct EventLog {
    entries: UnsafeCell<[u16; 4]>,
}

// SAFETY: every method that reaches `entries` through `&self` does so inside a critical
// section, and no reference to the entries outlives it: two contexts never hold one at once.
unsafe impl Sync for EventLog {}

impl EventLog {
    /// Records `event`, dropping the oldest entry.
    fn record(&self, event: u16) {
        critical_section::with(|_cs| {
            // SAFETY: inside a critical section no other context runs, so this is the only
            // reference to the entries while it lives.
            let entries = unsafe { &mut *self.entries.get() };
            entries.rotate_left(1);
            entries[3] = event;
        });
    }

    /// A copy of the entries.
    fn snapshot(&self) -> [u16; 4] {
        // SAFETY: as in `record`, no other context runs during the critical section.
        critical_section::with(|_cs| unsafe { *self.entries.get() })
    }
}

static EVENT_LOG: EventLog = EventLog {
    entries: UnsafeCell::new([0; 4]),
};

fn main() {
    EVENT_LOG.record(0x0101);
    EVENT_LOG.record(0x0203);
    println!("events {:04x?}", EVENT_LOG.snapshot());
}
