//! An allocator that refuses every request, for firmware that must not use the heap at all.
//! `GlobalAlloc` is an `unsafe trait`: implementing it promises things the compiler cannot
//! check, so the implementation must say `unsafe impl`.

use core::alloc::{GlobalAlloc, Layout};
use core::ptr;

/// The heap of a device that has none: every allocation fails.
struct NoHeap;

impl GlobalAlloc for NoHeap {
    unsafe fn alloc(&self, _layout: Layout) -> *mut u8 {
        ptr::null_mut()
    }

    unsafe fn dealloc(&self, _block: *mut u8, _layout: Layout) {}
}

fn main() {
    // SAFETY: a `u32` is not zero-sized.
    let block = unsafe { NoHeap.alloc(Layout::new::<u32>()) };
    println!("refused: {}", block.is_null());
}
