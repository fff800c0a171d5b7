//! Fixed: `pop_front()` takes the oldest event out of the log and gives it to the caller. To only
//! look at it, keep the reference: `let oldest: &Event = event_log.front()…`.

#[derive(Debug)]
struct Event {
    tick: u32,
    code: u16,
}

fn main() {
    let mut event_log: heapless::Deque<Event, 8> = heapless::Deque::new();
    event_log
        .push_back(Event { tick: 100, code: 0x0101 })
        .expect("room for 8 events");

    let oldest: Event = event_log.pop_front().expect("one event");
    println!("oldest: tick {} code {:#06x}", oldest.tick, oldest.code);
    assert!(event_log.is_empty());
}
