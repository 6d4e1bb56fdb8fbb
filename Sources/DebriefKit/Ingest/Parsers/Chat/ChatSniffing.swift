extension SniffSample {
    /// The share of sample lines whose bytes satisfy `matches` (0 when there are none), for
    /// line-oriented chat logs whose shape is checked on bytes.
    func share(ofLineBytes matches: (UnsafeRawBufferPointer) -> Bool) -> Double {
        share { line in
            var text = line
            return text.withUTF8 { matches(UnsafeRawBufferPointer($0)) }
        }
    }
}
