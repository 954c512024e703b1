using System.Buffers;
using System.Security.Cryptography;

namespace AgentLedger.Server.Features.Compliance.Exports;

/// <summary>A file written front to back while its SHA-256 and length are computed on the way: no second read.</summary>
internal sealed class HashedFileWriter : IBufferWriter<byte>, IAsyncDisposable
{
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ArrayBufferWriter<byte> _pending = new(256 * 1024);

    public HashedFileWriter(string path)
    {
        Path = path;
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
    }

    public string Path { get; }

    public long Length { get; private set; }

    public void Advance(int count) => _pending.Advance(count);

    public Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);

    /// <summary>Writes out what is buffered once a quarter megabyte has gathered (or always, with <paramref name="force"/>).</summary>
    public async ValueTask FlushAsync(bool force, CancellationToken cancellationToken)
    {
        if (_pending.WrittenCount == 0 || (!force && _pending.WrittenCount < 256 * 1024))
        {
            return;
        }

        _hash.AppendData(_pending.WrittenSpan);
        await _file.WriteAsync(_pending.WrittenMemory, cancellationToken).ConfigureAwait(false);
        Length += _pending.WrittenCount;
        _pending.ResetWrittenCount();
    }

    /// <summary>Flushes everything to disk and returns the file's length and lower-case hex SHA-256.</summary>
    public async Task<(long Length, string Sha256)> CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(force: true, cancellationToken).ConfigureAwait(false);
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        _file.Flush(flushToDisk: true);
        return (Length, Convert.ToHexStringLower(_hash.GetHashAndReset()));
    }

    public async ValueTask DisposeAsync()
    {
        await _file.DisposeAsync().ConfigureAwait(false);
        _hash.Dispose();
    }
}
