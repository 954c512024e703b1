namespace AgentLedger.Storage.Tests;

/// <summary>The storage contract on the embedded engine.</summary>
public sealed partial class SqliteStorageTests : StorageContractTests
{
    protected override async Task<ITestStorage> CreateStorageAsync(TimeProvider time) => await SqliteTestStorage.CreateAsync(time, Ct);
}
