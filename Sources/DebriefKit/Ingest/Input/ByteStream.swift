import CDeflate
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A source of bytes read front to back in chunks: a file, a decompressor, or memory.
public protocol ByteStream: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Reads a file with plain `read(2)` calls; no mapping, no whole-file buffering.
public final class FileByteStream: ByteStream {
    private let descriptor: Int32
    private let path: String
    private let progress: ProgressCounter?

    /// Opens `url` for reading; bytes read are added to `progress` when given.
    public init(url: URL, displayPath: String, progress: ProgressCounter? = nil) throws {
        path = displayPath
        self.progress = progress
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else {
            throw DebriefError("cannot open: \(String(cString: strerror(errno)).lowercased())", path: displayPath)
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw DebriefError("is a directory, not a file", path: displayPath)
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Glibc.read(descriptor, base, buffer.count)
            if count >= 0 {
                progress?.add(count)
                return count
            }
            if errno == EINTR { continue }
            throw DebriefError("read failed: \(String(cString: strerror(errno)).lowercased())", path: path)
        }
    }

    /// Reads up to `count` bytes at `offset` without moving the stream (for sniffing magic numbers).
    public func peek(count: Int, at offset: Int = 0) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        return read > 0 ? Array(bytes.prefix(read)) : []
    }
}

/// Serves bytes already in memory (tests, zip members, inline inputs).
public final class MemoryByteStream: ByteStream {
    private let bytes: [UInt8]
    private var position = 0

    /// Creates a stream over `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Creates a stream over the UTF-8 of `text`.
    public convenience init(_ text: String) { self.init(Array(text.utf8)) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}

/// Inflates a gzip (or zlib) stream on the fly, including several concatenated gzip members.
///
/// A stream that ends before the compressed data does throws a `DebriefError` naming how much
/// was read; everything inflated before that point has already been delivered.
public final class GzipByteStream: ByteStream {
    private let upstream: any ByteStream
    private let path: String
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var initialised = false
    private var upstreamDone = false
    private var memberDone = false
    private var compressedRead: Int64 = 0

    /// Wraps `upstream`, which must start with a gzip or zlib header.
    public init(upstream: any ByteStream, displayPath: String) throws {
        self.upstream = upstream
        path = displayPath
        input = .allocate(byteCount: 256 * 1024, alignment: 16)
        guard debrief_inflate_init(&stream) == Z_OK else {
            input.deallocate()
            throw DebriefError("cannot start gzip decompression", path: displayPath)
        }
        initialised = true
    }

    deinit {
        if initialised { inflateEnd(&stream) }
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.next_out = out.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(min(buffer.count, Int(UInt32.max)))
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !upstreamDone {
                let count = try upstream.read(into: input)
                if count == 0 {
                    upstreamDone = true
                } else {
                    compressedRead += Int64(count)
                    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = uInt(count)
                }
            }
            if memberDone {
                // A finished member followed by more input is another gzip member; trailing zeros are padding.
                guard stream.avail_in > 0 else {
                    if upstreamDone { break }
                    continue
                }
                if stream.next_in.pointee == 0 {
                    stream.next_in += 1
                    stream.avail_in -= 1
                    continue
                }
                inflateReset(&stream)
                memberDone = false
            }
            if stream.avail_in == 0 && upstreamDone {
                let produced = buffer.count - Int(stream.avail_out)
                if produced > 0 { return produced }
                throw DebriefError(
                    "truncated gzip stream: the compressed data ends after \(compressedRead) bytes; kept what was read",
                    path: path)
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_STREAM_END:
                memberDone = true
            case Z_OK, Z_BUF_ERROR:
                break
            default:
                let produced = buffer.count - Int(stream.avail_out)
                if produced > 0 { return produced }
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw DebriefError("corrupt gzip data after \(compressedRead) compressed bytes: \(reason)", path: path)
            }
            if memberDone && upstreamDone && stream.avail_in == 0 { break }
        }
        return buffer.count - Int(stream.avail_out)
    }
}

extension ByteStream {
    /// Reads the whole stream, failing once more than `limit` bytes would be held.
    public func readAll(limit: Int, path: String) throws -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if count == 0 { return result }
            if result.count + count > limit {
                throw DebriefError(
                    "larger than the \(limit / (1 << 20)) MiB limit for a single document; split it or raise --max-document-size",
                    path: path)
            }
            result.append(contentsOf: chunk[0..<count])
        }
    }
}
