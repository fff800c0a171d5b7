//! Fixed: the transfer keeps its buffer in an `Option`, and `wait` takes it out with `take()`,
//! which leaves `None` behind. The transfer stays whole, so its `drop` still runs and releases
//! the channel, after the buffer has been handed back.

struct RxBuffer {
    bytes: [u8; 8],
}

struct DmaTransfer {
    buffer: Option<RxBuffer>,
    channel: u8,
}

impl DmaTransfer {
    /// Waits for the transfer to end and hands the buffer back; the channel is released when
    /// the transfer is dropped, at the end of this call.
    fn wait(mut self) -> RxBuffer {
        self.buffer.take().expect("a transfer holds its buffer until wait")
    }
}

impl Drop for DmaTransfer {
    fn drop(&mut self) {
        println!("DMA channel {} released", self.channel);
    }
}

fn start_rx(buffer: RxBuffer, channel: u8) -> DmaTransfer {
    println!("DMA channel {channel} receiving");
    DmaTransfer {
        buffer: Some(buffer),
        channel,
    }
}

fn main() {
    let transfer = start_rx(RxBuffer { bytes: [0; 8] }, 2);
    let received = transfer.wait();
    println!("received {:02x?}", received.bytes);
}
