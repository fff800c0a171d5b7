//! Moving a field out of a type that implements `Drop`: `DmaTransfer` releases its channel in
//! `drop`, and `drop` gets the whole transfer, buffer included. Taking the buffer out by value
//! would leave `drop` a transfer with a hole where its buffer was.

struct RxBuffer {
    bytes: [u8; 8],
}

struct DmaTransfer {
    buffer: RxBuffer,
    channel: u8,
}

impl Drop for DmaTransfer {
    fn drop(&mut self) {
        println!("DMA channel {} released", self.channel);
    }
}

fn start_rx(buffer: RxBuffer, channel: u8) -> DmaTransfer {
    println!("DMA channel {channel} receiving");
    DmaTransfer { buffer, channel }
}

fn main() {
    let transfer = start_rx(RxBuffer { bytes: [0; 8] }, 2);
    let received = transfer.buffer;
    println!("received {:02x?}", received.bytes);
}
