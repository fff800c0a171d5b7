//! The sample mailbox: a one-sample slot that the ADC's interrupt handler fills and `main` empties,
//! and an atomic state that says who may touch the slot.
//!
//! The handover is plain code on plain atomics, so it is tested here, on the host, with
//! [loom](https://docs.rs/loom/0.7): loom runs each test under every interleaving of its threads
//! and every result the orderings allow, and reports a read of the slot that no handover ordered
//! after the write it reads. One run under QEMU on one core cannot show that; loom can.
//! The firmware in `src/main.rs` uses the same code, with `core`'s atomics.
#![cfg_attr(not(test), no_std)]
#![deny(unsafe_op_in_unsafe_fn)]

#[cfg(not(test))]
use core::{
    cell::UnsafeCell,
    sync::atomic::{AtomicU8, Ordering},
};
#[cfg(test)]
use loom::{
    cell::UnsafeCell,
    sync::atomic::{AtomicU8, Ordering},
};

// ANCHOR: mailbox
/// A one-sample mailbox between the ADC's interrupt handler and `main`: the latest reading in
/// millivolts, in a slot that a state (an `AtomicU8` beside it) says who may touch: the handler
/// while it is `EMPTY`, `main` while it is `READING`.
pub struct SampleSlot(UnsafeCell<u16>);

/// The slot is the handler's to fill.
pub const EMPTY: u8 = 0;
/// The slot holds a reading that `main` has not taken.
pub const FULL: u8 = 1;
/// `main` is reading the slot.
pub const READING: u8 = 2;

// SAFETY: the slot is only touched by the side that the state names, and every change of
// owner is a Release store read by an Acquire operation, so the two sides never touch the slot
// at the same time and each sees what the other wrote.
unsafe impl Sync for SampleSlot {}
// ANCHOR_END: mailbox

// ANCHOR: leave_reading
/// The handler's side: leaves `millivolts` in the mailbox if `main` took the last reading, and
/// says whether it did (if not, this reading is dropped).
pub fn leave_reading(state: &AtomicU8, slot: &SampleSlot, millivolts: u16) -> bool {
    if state.load(Ordering::Acquire) != EMPTY {
        return false; // `main` has not taken the last reading.
    }
    // SAFETY: the state is EMPTY, so the slot is the handler's until it says FULL.
    unsafe { slot.write(millivolts) };
    state.store(FULL, Ordering::Release);
    true
}
// ANCHOR_END: leave_reading

// ANCHOR: take_reading
/// `main`'s side: takes the reading in the mailbox, if there is one.
#[inline]
pub fn try_take_reading(state: &AtomicU8, slot: &SampleSlot) -> Option<u16> {
    state
        .compare_exchange(FULL, READING, Ordering::Acquire, Ordering::Relaxed)
        .ok()?;
    // SAFETY: the state is READING, so the slot is `main`'s until it says EMPTY.
    let millivolts = unsafe { slot.read() };
    state.store(EMPTY, Ordering::Release);
    Some(millivolts)
}
// ANCHOR_END: take_reading

impl SampleSlot {
    /// An empty slot.
    #[cfg(not(test))]
    pub const fn new() -> SampleSlot {
        SampleSlot(UnsafeCell::new(0))
    }

    /// An empty slot (loom's `UnsafeCell` has no `const fn new`).
    #[cfg(test)]
    pub fn new() -> SampleSlot {
        SampleSlot(UnsafeCell::new(0))
    }
}

impl Default for SampleSlot {
    fn default() -> SampleSlot {
        SampleSlot::new()
    }
}

/// The slot's two accesses. Under test the slot is loom's `UnsafeCell`, which records each access
/// and checks that the two sides' accesses are ordered.
impl SampleSlot {
    /// # Safety
    ///
    /// Nothing else may access the slot meanwhile.
    #[inline]
    unsafe fn write(&self, millivolts: u16) {
        #[cfg(not(test))]
        // SAFETY: the caller has the only access.
        unsafe {
            *self.0.get() = millivolts
        };
        #[cfg(test)]
        // SAFETY: the caller has the only access; loom checks that it does.
        self.0.with_mut(|slot| unsafe { *slot = millivolts });
    }

    /// # Safety
    ///
    /// Nothing may write the slot meanwhile.
    #[inline]
    unsafe fn read(&self) -> u16 {
        #[cfg(not(test))]
        // SAFETY: the caller has the only access.
        return unsafe { *self.0.get() };
        #[cfg(test)]
        // SAFETY: nothing writes meanwhile; loom checks that nothing does.
        self.0.with(|slot| unsafe { *slot })
    }
}

// ANCHOR: tests
/// The handover, under every interleaving and every outcome the orderings allow. A version whose
/// orderings do not order the slot's accesses fails here, with loom's "Causality violation".
/// (Miri, which CI runs on every library's tests, cannot run loom's runtime: loom is the check.)
#[cfg(test)]
mod tests {
    use super::*;
    use loom::sync::Arc;
    use loom::thread;

    /// The state and the slot, shared by the two threads as by the two contexts.
    struct Mailbox {
        state: AtomicU8,
        slot: SampleSlot,
    }

    impl Mailbox {
        fn new() -> Mailbox {
            Mailbox {
                state: AtomicU8::new(EMPTY),
                slot: SampleSlot::new(),
            }
        }
    }

    /// Spins, letting loom run the other thread, until `main` takes a reading.
    fn take(mailbox: &Mailbox) -> u16 {
        loop {
            if let Some(millivolts) = try_take_reading(&mailbox.state, &mailbox.slot) {
                return millivolts;
            }
            thread::yield_now();
        }
    }

    /// Spins until the handler has left `millivolts`.
    fn leave(mailbox: &Mailbox, millivolts: u16) {
        while !leave_reading(&mailbox.state, &mailbox.slot, millivolts) {
            thread::yield_now();
        }
    }

    #[test]
    #[cfg_attr(
        miri,
        ignore = "loom explores interleavings itself; under Miri it takes too long"
    )]
    fn main_reads_what_the_handler_wrote() {
        loom::model(|| {
            let mailbox = Arc::new(Mailbox::new());
            let handler = {
                let mailbox = Arc::clone(&mailbox);
                thread::spawn(move || leave(&mailbox, 1655))
            };
            assert_eq!(take(&mailbox), 1655);
            handler.join().unwrap();
        });
    }

    #[test]
    #[cfg_attr(
        miri,
        ignore = "loom explores interleavings itself; under Miri it takes too long"
    )]
    fn the_handler_writes_again_only_after_main_has_read() {
        loom::model(|| {
            let mailbox = Arc::new(Mailbox::new());
            let handler = {
                let mailbox = Arc::clone(&mailbox);
                thread::spawn(move || {
                    leave(&mailbox, 1655);
                    leave(&mailbox, 1660);
                })
            };
            assert_eq!(take(&mailbox), 1655);
            assert_eq!(take(&mailbox), 1660);
            handler.join().unwrap();
        });
    }

    #[test]
    #[cfg_attr(miri, ignore = "loom's runtime cannot run under Miri")]
    fn an_empty_mailbox_has_nothing_to_take() {
        loom::model(|| {
            let Mailbox { state, slot } = Mailbox::new();
            assert_eq!(try_take_reading(&state, &slot), None);
            assert!(leave_reading(&state, &slot, 1655));
            assert!(
                !leave_reading(&state, &slot, 1660),
                "a full mailbox drops a reading"
            );
            assert_eq!(try_take_reading(&state, &slot), Some(1655));
        });
    }
}
// ANCHOR_END: tests
