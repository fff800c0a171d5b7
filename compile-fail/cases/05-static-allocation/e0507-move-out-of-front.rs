//! `front()` lends the oldest event: it returns `Option<&Event>`. Dereferencing that reference
//! to take the event by value would move it out of the log while the log still holds it.

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

    let oldest: Event = *event_log.front().expect("one event");
    println!("oldest: tick {} code {:#06x}", oldest.tick, oldest.code);
}
