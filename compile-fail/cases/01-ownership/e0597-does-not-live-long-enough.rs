//! Borrowed value does not live long enough: the DMA channel keeps a
//! reference to `adc_samples`, but the array lives in an inner block and is
//! gone when the channel is used. It is C's stack buffer handed to DMA.

struct DmaChannel<'buf> {
    source: &'buf [u16],
}

fn main() {
    let mut dma_channel = DmaChannel { source: &[] };
    {
        let adc_samples = [512u16, 515, 509, 511];
        dma_channel.source = &adc_samples;
    }
    println!("DMA will copy {} samples", dma_channel.source.len());
}
