namespace AgentLedger.Core.Secrets;

/// <summary>
/// The database home of the server's Data Protection key ring (the keys that encrypt stored secrets), so that every
/// instance on one database reads the same keys. Keys are XML documents, added and never changed here.
/// </summary>
public interface IKeyRingStore
{
    /// <summary>Every stored key's XML, oldest first.</summary>
    Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Stores a key under its unique name; storing a name again keeps the first.</summary>
    Task StoreAsync(string friendlyName, string xml, DateTimeOffset at, CancellationToken cancellationToken);
}
