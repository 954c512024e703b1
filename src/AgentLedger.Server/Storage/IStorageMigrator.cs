namespace AgentLedger.Server.Storage;

/// <summary>The configured engine's schema migrator, as the host and the <c>migrate</c> command see it.</summary>
public interface IStorageMigrator
{
    /// <summary>Where the data lives, for logs (a file path or a host/database; never a password).</summary>
    string Describe();

    Task<int> MigrateAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<int>> PendingAsync(CancellationToken cancellationToken);
}
