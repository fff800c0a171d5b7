//! Fixed borrowed value that did not live long enough: `adc_samples` is
//! declared before the DMA channel, in the same block, so it lives as long
//! as the channel that refers to it.

struct DmaChannel<'buf> {
    source: &'buf [u16],
}

fn main() {
    let adc_samples = [512u16, 515, 509, 511];
    let dma_channel = DmaChannel {
        source: &adc_samples,
    };
    println!("DMA will copy {} samples", dma_channel.source.len());
}
