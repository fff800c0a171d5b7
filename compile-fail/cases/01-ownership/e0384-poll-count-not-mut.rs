//! Assigning twice to an immutable binding: `polls` counts the reads of the UART's status
//! register, but it is declared with `let`, not `let mut`, so it may not change after its first
//! value.

/// Stands for reading the transmitter's busy bit: busy for the first three reads.
fn tx_busy(reads_so_far: u32) -> bool {
    reads_so_far < 3
}

fn main() {
    let polls = 0;
    while tx_busy(polls) {
        polls += 1;
    }
    println!("transmitter free after {polls} polls");
}
