using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace AgentLedger.Core.Dlp;

/// <summary>
/// Gives the <see cref="DlpHasher"/> of this server: keyed by <c>Dlp:HashKey</c> when configured, otherwise by a
/// random key generated once and kept in the database (<see cref="IDlpKeyStore"/>). Loaded on first use, not at
/// construction, because the database may not be migrated yet when the container builds this.
/// </summary>
public sealed class DlpHasherSource
{
    private readonly Func<CancellationToken, Task<DlpHasher>> _load;
    private readonly Lock _lock = new();
    private Task<DlpHasher>? _loading;

    public DlpHasherSource(IOptions<DlpOptions> options, IDlpKeyStore store)
    {
        var configured = options.Value.HashKey;
        _load = string.IsNullOrEmpty(configured)
            ? async ct => new DlpHasher(await store.GetOrCreateHashKeyAsync(RandomNumberGenerator.GetBytes(DlpHasher.GeneratedKeyBytes), ct)
                .ConfigureAwait(false))
            : _ => Task.FromResult(DlpHasher.FromConfiguredKey(configured));
    }

    /// <summary>A source with a known key (tests, benchmarks).</summary>
    public DlpHasherSource(DlpHasher hasher)
    {
        _load = _ => Task.FromResult(hasher);
    }

    public async ValueTask<DlpHasher> GetAsync(CancellationToken cancellationToken)
    {
        Task<DlpHasher> loading;
        lock (_lock)
        {
            // One load for all callers; a failed one (database not reachable) is retried by the next caller.
            if (_loading is null || _loading.IsFaulted || _loading.IsCanceled)
            {
                _loading = _load(CancellationToken.None);
            }

            loading = _loading;
        }

        return await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
