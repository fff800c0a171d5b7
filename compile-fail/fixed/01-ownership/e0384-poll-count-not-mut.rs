//! Fixed: `polls` is declared `let mut`, which says in its declaration that it changes.

/// Stands for reading the transmitter's busy bit: busy for the first three reads.
fn tx_busy(reads_so_far: u32) -> bool {
    reads_so_far < 3
}

fn main() {
    let mut polls = 0;
    while tx_busy(polls) {
        polls += 1;
    }
    println!("transmitter free after {polls} polls");
}
