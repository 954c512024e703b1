namespace AgentLedger.Core.Dlp;

/// <summary>Durable home of the generated DLP hash key, so that every restart and every instance hashes alike.</summary>
public interface IDlpKeyStore
{
    /// <summary>
    /// The stored hash key; if none is stored yet, stores <paramref name="candidate"/> and returns it. Concurrent
    /// callers (several instances on one database) all get the one key that was stored first.
    /// </summary>
    Task<byte[]> GetOrCreateHashKeyAsync(byte[] candidate, CancellationToken cancellationToken);
}
