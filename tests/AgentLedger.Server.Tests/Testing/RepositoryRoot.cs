namespace AgentLedger.Server.Tests.Testing;

/// <summary>Finds files of the repository (docs, fixtures) from the test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Path(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "AgentLedger.slnx")))
        {
            dir = dir.Parent;
        }

        return System.IO.Path.Combine([dir?.FullName ?? throw new InvalidOperationException("AgentLedger.slnx not found above the test folder."), .. parts]);
    }
}
