using AgentLedger.Core.Siem;

namespace AgentLedger.Server.Features.Secrets;

/// <summary>The SIEM destination store with each destination's secrets (HEC token, HMAC secret, API key, client key) encrypted at rest.</summary>
internal sealed class ProtectedSiemStore(ISiemStore inner, SecretProtector protector) : ISiemStore
{
    public Task CreateAsync(SiemDestination destination, long startAfterSeq, CancellationToken cancellationToken) =>
        inner.CreateAsync(Protect(destination, protector, all: true), startAfterSeq, cancellationToken);

    public Task<bool> UpdateAsync(SiemDestination destination, CancellationToken cancellationToken) =>
        inner.UpdateAsync(Protect(destination, protector, all: true), cancellationToken);

    public Task<bool> DeleteAsync(string workspaceId, string destinationId, CancellationToken cancellationToken) =>
        inner.DeleteAsync(workspaceId, destinationId, cancellationToken);

    public async Task<SiemDestination?> FindAsync(string workspaceId, string destinationId, CancellationToken cancellationToken) =>
        await inner.FindAsync(workspaceId, destinationId, cancellationToken).ConfigureAwait(false) is { } d ? Unprotect(d) : null;

    public async Task<IReadOnlyList<SiemDestination>> ListAsync(string workspaceId, CancellationToken cancellationToken) =>
        (await inner.ListAsync(workspaceId, cancellationToken).ConfigureAwait(false)).Select(Unprotect).ToList();

    public async Task<IReadOnlyList<SiemDestination>> ListEnabledAsync(CancellationToken cancellationToken) =>
        (await inner.ListEnabledAsync(cancellationToken).ConfigureAwait(false)).Select(Unprotect).ToList();

    public Task<SiemDeliveryState?> GetStateAsync(string workspaceId, string destinationId, CancellationToken cancellationToken) =>
        inner.GetStateAsync(workspaceId, destinationId, cancellationToken);

    public Task BeginAttemptAsync(string workspaceId, string destinationId, long uptoSeq, CancellationToken cancellationToken) =>
        inner.BeginAttemptAsync(workspaceId, destinationId, uptoSeq, cancellationToken);

    public Task<bool> CommitAsync(string workspaceId, string destinationId, SiemCommit commit, CancellationToken cancellationToken) =>
        inner.CommitAsync(workspaceId, destinationId, commit, cancellationToken);

    public Task RecordFailureAsync(string workspaceId, string destinationId, string error, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.RecordFailureAsync(workspaceId, destinationId, error, at, cancellationToken);

    public Task<IReadOnlyList<SiemSetAsideItem>> ListSetAsideAsync(
        string workspaceId, string destinationId, long afterSeq, int limit, CancellationToken cancellationToken) =>
        inner.ListSetAsideAsync(workspaceId, destinationId, afterSeq, limit, cancellationToken);

    /// <summary>Whether any secret of the destination is stored in plaintext (written before encryption existed).</summary>
    public static bool HasPlaintext(SiemDestination d) =>
        new[] { d.Secrets.HecToken, d.Secrets.WebhookSecret, d.Secrets.ApiKey, d.Secrets.ClientKeyPem }
            .Any(s => s is not null && !SecretProtector.IsProtected(s));

    /// <summary>
    /// Encrypts the secrets: all of them (what the API hands in is plaintext, whatever it looks like), or only those not
    /// yet encrypted (the start-up pass over stored rows).
    /// </summary>
    public static SiemDestination Protect(SiemDestination d, SecretProtector protector, bool all) => d with
    {
        Secrets = new SiemSecrets
        {
            HecToken = Once(d.Secrets.HecToken, protector, all),
            WebhookSecret = Once(d.Secrets.WebhookSecret, protector, all),
            ApiKey = Once(d.Secrets.ApiKey, protector, all),
            ClientKeyPem = Once(d.Secrets.ClientKeyPem, protector, all),
        },
    };

    private SiemDestination Unprotect(SiemDestination d) => d with
    {
        Secrets = new SiemSecrets
        {
            HecToken = protector.UnprotectOrNull(d.Secrets.HecToken),
            WebhookSecret = protector.UnprotectOrNull(d.Secrets.WebhookSecret),
            ApiKey = protector.UnprotectOrNull(d.Secrets.ApiKey),
            ClientKeyPem = protector.UnprotectOrNull(d.Secrets.ClientKeyPem),
        },
    };

    private static string? Once(string? secret, SecretProtector protector, bool all) =>
        secret is null || (!all && SecretProtector.IsProtected(secret)) ? secret : protector.Protect(secret);
}
