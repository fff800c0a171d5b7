//! Fixed: `unsafe impl GlobalAlloc`, with a `// SAFETY:` comment that says why each promise of
//! the trait holds. Installed with `#[global_allocator]` in firmware, it turns every allocation
//! into the allocation error handler (a panic in a `no_std` program).

use core::alloc::{GlobalAlloc, Layout};
use core::ptr;

/// The heap of a device that has none: every allocation fails.
struct NoHeap;

// SAFETY: returning null is how an allocator says no, and is always allowed. `dealloc` is never
// called, because `alloc` never hands out a block to give back.
unsafe impl GlobalAlloc for NoHeap {
    unsafe fn alloc(&self, _layout: Layout) -> *mut u8 {
        ptr::null_mut()
    }

    unsafe fn dealloc(&self, _block: *mut u8, _layout: Layout) {}
}

fn main() {
    // SAFETY: a `u32` is not zero-sized.
    let block = unsafe { NoHeap.alloc(Layout::new::<u32>()) };
    assert!(block.is_null());
    println!("refused: {}", block.is_null());
}
