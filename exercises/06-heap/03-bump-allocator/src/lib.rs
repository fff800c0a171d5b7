//! A bump allocator: the smallest allocator that is correct, once its alignment is.
//!
//! It hands out a region of memory front to back. Each allocation starts at the first address at
//! or after the previous one's end that is a multiple of the alignment asked for; freeing does
//! nothing, so the memory comes back only when the program starts again. That is the right
//! allocator for firmware that allocates only at start-up.
//!
//! The arithmetic ([`align_up`], [`BumpAllocator::place`]) is plain code with unit tests on the
//! host; the `unsafe` part is small, and each of its blocks says why it holds.
#![cfg_attr(not(test), no_std)]
#![deny(unsafe_op_in_unsafe_fn)]

use core::alloc::{GlobalAlloc, Layout};
use core::ptr;
use core::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

// ANCHOR: align_up
/// The first address at or after `address` that is a multiple of `align`, or `None` if it would
/// not fit in a `usize`. `align` must be a power of two, as every `Layout`'s is.
pub fn align_up(address: usize, align: usize) -> Option<usize> {
    debug_assert!(align.is_power_of_two());
    // TODO: round `address` up to the next multiple of `align`. An address that is already a
    // multiple stays where it is; one that would pass `usize::MAX` gives `None`.
    Some(address)
}
// ANCHOR_END: align_up

// ANCHOR: allocator
/// A bump allocator over a region that [`BumpAllocator::init`] gives it.
///
/// `next` is an atomic, so an interrupt handler that allocates in the middle of `main`'s
/// allocation cannot be given the same bytes: whoever moves `next` first wins, the other tries
/// again from the new value.
pub struct BumpAllocator {
    /// The first byte of the region; null until `init`.
    start: AtomicPtr<u8>,
    /// The region's length in bytes.
    size: AtomicUsize,
    /// How many bytes from `start` are handed out (alignment padding included).
    next: AtomicUsize,
}
// ANCHOR_END: allocator

impl BumpAllocator {
    /// An allocator with no memory: every allocation fails until [`BumpAllocator::init`].
    pub const fn new() -> Self {
        BumpAllocator {
            start: AtomicPtr::new(ptr::null_mut()),
            size: AtomicUsize::new(0),
            next: AtomicUsize::new(0),
        }
    }

    /// Gives the allocator the `size` bytes at `start`.
    ///
    /// # Safety
    ///
    /// The bytes must be valid for reads and writes, used by nothing else for as long as the
    /// allocator hands them out, and `init` must be called once, before the first allocation.
    pub unsafe fn init(&self, start: *mut u8, size: usize) {
        self.size.store(size, Ordering::Relaxed);
        self.next.store(0, Ordering::Relaxed);
        // Release: whoever sees the new start also sees the size stored before it.
        self.start.store(start, Ordering::Release);
    }

    /// How many bytes are handed out, alignment padding included.
    pub fn used(&self) -> usize {
        self.next.load(Ordering::Relaxed)
    }

    // ANCHOR: place
    /// Where an allocation of `layout` goes in a region that starts at address `start`, is
    /// `size` bytes long and has its first `next` bytes handed out: the offsets of its first
    /// byte and of the byte after it. `None` if it does not fit.
    pub fn place(start: usize, size: usize, next: usize, layout: Layout) -> Option<(usize, usize)> {
        debug_assert!(start.checked_add(size).is_some(), "the region wraps around");
        // TODO: this aligns the offset in the region. Is the block's address then aligned?
        let offset = align_up(next, layout.align())?;
        let end = offset.checked_add(layout.size())?;
        (end <= size).then_some((offset, end))
    }
    // ANCHOR_END: place
}

impl Default for BumpAllocator {
    fn default() -> Self {
        Self::new()
    }
}

// ANCHOR: global_alloc
// SAFETY: `alloc` returns either null or a block of `layout.size()` bytes aligned to
// `layout.align()` inside the region `init` was given, and never the same byte twice: each
// allocation moves `next` past its block with a compare-exchange, so two callers (`main` and an
// interrupt handler) never get overlapping blocks. `dealloc` gives nothing back, which is allowed.
unsafe impl GlobalAlloc for BumpAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // Acquire: pairs with the Release in `init`, so `size` is the one stored with `start`.
        let start = self.start.load(Ordering::Acquire);
        if start.is_null() {
            return ptr::null_mut();
        }
        let size = self.size.load(Ordering::Relaxed);
        let mut next = self.next.load(Ordering::Relaxed);
        loop {
            let Some((offset, end)) = Self::place(start.addr(), size, next, layout) else {
                return ptr::null_mut();
            };
            match self
                .next
                .compare_exchange_weak(next, end, Ordering::Relaxed, Ordering::Relaxed)
            {
                // SAFETY: `place` checked that `offset + layout.size() <= size`, so the pointer
                // stays inside the region `init` was given.
                Ok(_) => return unsafe { start.add(offset) },
                // Someone else allocated in between: place the block again after theirs.
                Err(now) => next = now,
            }
        }
    }

    unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {
        // A bump allocator never reuses memory.
    }
}
// ANCHOR_END: global_alloc

// ANCHOR: tests
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn align_up_rounds_to_the_next_multiple() {
        assert_eq!(align_up(0x2000_0001, 4), Some(0x2000_0004));
        assert_eq!(align_up(0x2000_0004, 4), Some(0x2000_0004));
        assert_eq!(align_up(0x2000_0005, 8), Some(0x2000_0008));
        assert_eq!(align_up(0x2000_0005, 1), Some(0x2000_0005));
        assert_eq!(align_up(0, 64), Some(0));
    }

    #[test]
    fn align_up_near_the_top_of_the_address_space_is_none() {
        assert_eq!(align_up(usize::MAX - 2, 4), None);
        assert_eq!(align_up(usize::MAX, 1), Some(usize::MAX));
    }

    #[test]
    fn place_aligns_the_address_not_the_offset() {
        let u32_layout = Layout::new::<u32>();
        // A region at an odd address: offset 0 is not 4-byte aligned, offset 3 is.
        assert_eq!(
            BumpAllocator::place(0x2000_0001, 64, 0, u32_layout),
            Some((3, 7))
        );
        // One byte handed out: the next u32 starts at the next multiple of 4.
        assert_eq!(
            BumpAllocator::place(0x2000_0000, 64, 1, u32_layout),
            Some((4, 8))
        );
    }

    #[test]
    fn place_refuses_what_does_not_fit() {
        let block = Layout::from_size_align(16, 8).unwrap();
        assert_eq!(
            BumpAllocator::place(0x2000_0000, 64, 48, block),
            Some((48, 64))
        );
        assert_eq!(BumpAllocator::place(0x2000_0000, 64, 49, block), None);
        // A region in the last bytes of the address space: rounding up would wrap around.
        let aligned_16 = Layout::from_size_align(4, 16).unwrap();
        assert_eq!(BumpAllocator::place(usize::MAX - 8, 8, 1, aligned_16), None);
    }

    /// A region of 64 bytes that starts one byte past an 8-byte boundary.
    #[repr(C, align(8))]
    struct Region([u8; 65]);

    #[test]
    fn allocations_on_a_byte_array_are_aligned_and_disjoint() {
        let mut region = Region([0; 65]);
        let bump = BumpAllocator::new();
        // SAFETY: the 64 bytes after the first are ours for the rest of this test.
        unsafe { bump.init(region.0.as_mut_ptr().add(1), 64) };

        let layouts = [
            Layout::new::<u8>(),
            Layout::new::<u32>(),
            Layout::new::<u16>(),
            Layout::new::<u64>(),
            Layout::new::<[u8; 3]>(),
        ];
        let mut blocks = [(ptr::null_mut::<u8>(), 0); 5];
        for (block, layout) in blocks.iter_mut().zip(layouts) {
            // SAFETY: none of the layouts has size zero.
            let ptr = unsafe { bump.alloc(layout) };
            assert!(!ptr.is_null(), "{layout:?} should fit");
            assert_eq!(ptr.addr() % layout.align(), 0, "{layout:?} is misaligned");
            // Write the whole block: Miri checks that it is inside the region.
            // SAFETY: the block is `layout.size()` bytes that only this test uses.
            unsafe { ptr.write_bytes(0xA5, layout.size()) };
            *block = (ptr, layout.size());
        }
        for (i, &(a, a_len)) in blocks.iter().enumerate() {
            for &(b, _) in &blocks[i + 1..] {
                assert!(a.addr() + a_len <= b.addr(), "blocks overlap");
            }
        }
    }

    #[test]
    fn a_full_region_returns_null_and_dealloc_gives_nothing_back() {
        let mut region = [0u8; 16];
        let bump = BumpAllocator::new();
        // SAFETY: the array is ours for the rest of this test.
        unsafe { bump.init(region.as_mut_ptr(), region.len()) };
        let all = Layout::new::<[u8; 16]>();
        // SAFETY: the layout's size is not zero.
        let whole = unsafe { bump.alloc(all) };
        assert!(!whole.is_null());
        // SAFETY: `whole` came from this allocator with this layout.
        unsafe { bump.dealloc(whole, all) };
        // SAFETY: as above.
        assert!(unsafe { bump.alloc(Layout::new::<u8>()) }.is_null());
        assert_eq!(bump.used(), 16);
    }

    #[test]
    fn an_allocator_without_a_region_returns_null() {
        let bump = BumpAllocator::new();
        // SAFETY: the layout's size is not zero.
        assert!(unsafe { bump.alloc(Layout::new::<u32>()) }.is_null());
    }
}
// ANCHOR_END: tests
