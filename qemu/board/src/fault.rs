//! Fault reports: what the processor says went wrong, in words.
//!
//! `HardFault` is a naked handler: a fault taken because the stack overflowed leaves the stack
//! pointer below the stack, where no Rust code can run. So the handler first moves the stack
//! pointer back to the top of the stack (or, when the fault happened near the top, to just below
//! the exception frame, which the report must still read), then calls [`report_hard_fault`] with
//! the old value.
//! Faults that are not enabled on their own (MemManage, BusFault, UsageFault) escalate here.

use core::arch::global_asm;
use core::sync::atomic::{AtomicUsize, Ordering};
use cortex_m_rt::exception;
use cortex_m_semihosting::heprintln;

/// What the HardFault handler found, handed to the function given to [`after_fault`].
#[derive(Clone, Copy, Debug)]
pub struct Fault {
    /// The stack pointer when the fault was taken.
    pub stack_pointer: usize,
    /// The stack ran past its end: the stack pointer left RAM, or pushing the exception frame
    /// failed (an MPU guard, a stack-limit register).
    pub stack_overflowed: bool,
}

/// The function registered with [`after_fault`], as an address; 0 when none is.
static AFTER_FAULT: AtomicUsize = AtomicUsize::new(0);

/// Registers `handler` to run after the HardFault report is printed, on a fresh stack, instead of
/// ending the run with a failure. A program uses it to check what survived the fault (and a real
/// one to log it and reset). It must not return.
pub fn after_fault(handler: fn(&Fault) -> !) {
    AFTER_FAULT.store(handler as usize, Ordering::Relaxed);
}

global_asm!(
    ".section .HardFault.board, \"ax\"",
    ".global HardFault",
    ".type HardFault, %function",
    ".thumb_func",
    "HardFault:",
    "    mrs r0, msp",
    "    ldr r1, =_stack_start",
    // Where the fault left the stack pointer in the top kilobyte of the stack, the exception
    // frame is there too, and the report's locals at the top would overwrite it before it is
    // read: run the report just below the frame instead. Anywhere else (deep in the stack, past
    // its end, in a guard region) the top of the stack is free.
    "    subs r2, r1, r0",
    "    ldr r3, =1024",
    "    cmp r2, r3",
    "    bhi 1f",
    "    lsrs r1, r0, #3",
    "    lsls r1, r1, #3",
    "1:",
    "    mov sp, r1",
    "    bl {report}",
    "    .ltorg",
    report = sym report_hard_fault,
);

/// Called by the `HardFault` handler on a fresh stack, with the stack pointer at the fault.
unsafe extern "C" fn report_hard_fault(sp_at_fault: usize) -> ! {
    heprintln!("HardFault: the processor stopped the program");
    let stacking_failed = describe_fault_status();
    let ram = crate::layout::ram();
    let sp_in_ram = ram.contains(&sp_at_fault) && ram.contains(&(sp_at_fault + 8 * 4 - 1));
    // The exception frame (r0-r3, r12, lr, pc, xpsr) was pushed at the old stack pointer, if
    // that pointer was still in RAM and pushing it did not itself fail.
    if stacking_failed {
        heprintln!(
            "  the stack pointer was {:#010x}; the exception frame could not be pushed, so the faulting pc is unknown",
            sp_at_fault
        );
    } else if sp_in_ram {
        // SAFETY: the eight words lie in RAM, which is always readable.
        let pc = unsafe { core::ptr::read_volatile((sp_at_fault + 6 * 4) as *const u32) };
        heprintln!("  the faulting instruction is at pc = {:#010x}", pc);
        heprintln!("  the stack pointer was {:#010x}", sp_at_fault);
    } else {
        heprintln!(
            "  the stack pointer was {:#010x}, outside RAM ({:#010x}..{:#010x}): the stack overflowed",
            sp_at_fault,
            ram.start,
            ram.end
        );
    }
    let fault = Fault {
        stack_pointer: sp_at_fault,
        stack_overflowed: stacking_failed || !sp_in_ram,
    };
    match AFTER_FAULT.load(Ordering::Relaxed) {
        0 => crate::exit_failure(),
        address => {
            // SAFETY: only `after_fault` stores a non-zero value, and it stores a `fn(&Fault) -> !`.
            let handler: fn(&Fault) -> ! = unsafe { core::mem::transmute(address) };
            handler(&fault)
        }
    }
}

/// Prints the fault status; returns whether pushing the exception frame failed.
#[cfg(armv6m)]
fn describe_fault_status() -> bool {
    heprintln!("  (ARMv6-M has no fault status registers to say more)");
    false
}

/// Prints the fault status registers in words; returns whether pushing the exception frame failed
/// (a stack-limit violation, or a fault while stacking), in which case the frame is not to be read.
#[cfg(not(armv6m))]
fn describe_fault_status() -> bool {
    const CFSR: *const u32 = 0xE000_ED28 as *const u32;
    const HFSR: *const u32 = 0xE000_ED2C as *const u32;
    const MMFAR: *const u32 = 0xE000_ED34 as *const u32;
    const BFAR: *const u32 = 0xE000_ED38 as *const u32;
    // SAFETY: the System Control Block's fault registers exist on every ARMv7-M and ARMv8-M core.
    let (cfsr, hfsr, mmfar, bfar) = unsafe {
        (
            CFSR.read_volatile(),
            HFSR.read_volatile(),
            MMFAR.read_volatile(),
            BFAR.read_volatile(),
        )
    };
    heprintln!("  HFSR = {:#010x}", hfsr);
    for (bit, meaning) in HFSR_BITS {
        if hfsr & (1 << bit) != 0 {
            heprintln!("    {}", meaning);
        }
    }
    heprintln!("  CFSR = {:#010x}", cfsr);
    for (bit, meaning) in CFSR_BITS {
        if cfsr & (1 << bit) != 0 {
            heprintln!("    {}", meaning);
        }
    }
    if cfsr & (1 << 7) != 0 {
        heprintln!("    the address it tried to use: MMFAR = {:#010x}", mmfar);
    }
    if cfsr & (1 << 15) != 0 {
        heprintln!("    the address it tried to use: BFAR = {:#010x}", bfar);
    }
    const MSTKERR: u32 = 1 << 4;
    const STKERR: u32 = 1 << 12;
    const STKOF: u32 = 1 << 20;
    cfsr & (MSTKERR | STKERR | STKOF) != 0
}

/// HardFault Status Register bits (Armv7-M ARM, B3.2.16).
#[cfg(not(armv6m))]
const HFSR_BITS: [(u32, &str); 3] = [
    (1, "VECTTBL: a bus fault while reading the vector table"),
    (
        30,
        "FORCED: a fault that is not enabled on its own escalated to HardFault",
    ),
    (31, "DEBUGEVT: a debug event"),
];

/// Configurable Fault Status Register bits: MemManage, BusFault, UsageFault (B3.2.15; STKOF is
/// Armv8-M's stack-limit violation).
#[cfg(not(armv6m))]
const CFSR_BITS: [(u32, &str); 18] = [
    (
        0,
        "IACCVIOL: MemManage, an instruction fetch from a region the MPU forbids",
    ),
    (
        1,
        "DACCVIOL: MemManage, a data access to a region the MPU forbids",
    ),
    (
        3,
        "MUNSTKERR: MemManage, while unstacking on exception return",
    ),
    (4, "MSTKERR: MemManage, while stacking on exception entry"),
    (5, "MLSPERR: MemManage, while saving floating-point state"),
    (8, "IBUSERR: BusFault on an instruction fetch"),
    (
        9,
        "PRECISERR: BusFault on a data access, at a known address",
    ),
    (
        10,
        "IMPRECISERR: BusFault on a data access, address unknown",
    ),
    (
        11,
        "UNSTKERR: BusFault while unstacking on exception return",
    ),
    (12, "STKERR: BusFault while stacking on exception entry"),
    (13, "LSPERR: BusFault while saving floating-point state"),
    (16, "UNDEFINSTR: UsageFault, an undefined instruction"),
    (
        17,
        "INVSTATE: UsageFault, an instruction in an invalid state (Thumb bit clear?)",
    ),
    (18, "INVPC: UsageFault, an invalid exception return"),
    (
        19,
        "NOCP: UsageFault, a coprocessor that is absent or disabled",
    ),
    (
        20,
        "STKOF: UsageFault, the stack pointer went below its limit register (MSPLIM/PSPLIM)",
    ),
    (
        24,
        "UNALIGNED: UsageFault, an unaligned access where none is allowed (ldrd, ldm, strd, stm, exclusives; any access with CCR.UNALIGN_TRP set)",
    ),
    (
        25,
        "DIVBYZERO: UsageFault, an integer division by zero that the core was told to trap",
    ),
];

/// Any exception or interrupt without a handler of its own ends the program, rather than hang.
#[exception]
unsafe fn DefaultHandler(irqn: i16) {
    heprintln!("unhandled exception or interrupt: IRQn = {}", irqn);
    crate::exit_failure()
}
