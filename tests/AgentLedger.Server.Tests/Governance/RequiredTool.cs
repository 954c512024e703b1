namespace AgentLedger.Server.Tests.Governance;

/// <summary>A system tool a governance test needs: missing, the test skips with the package to install, except under CI=true, where it fails.</summary>
internal static class RequiredTool
{
    public static void Require(string path, string package)
    {
        if (File.Exists(path))
        {
            return;
        }

        var reason = $"{path} is missing; install the Debian package {package} (./test.sh does).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
    }
}
