using AgentLedger.Core.Dlp;

namespace AgentLedger.Core.Tests.Dlp;

public sealed class DlpOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed() =>
        Assert.True(new DlpOptionsValidator().Validate(null, new DlpOptions()).Succeeded);

    [Fact]
    public void Validate_UnknownRulesAndBadWorkspace_NameEveryKey()
    {
        var options = new DlpOptions
        {
            Rules = { ["aws-key"] = DlpAction.Flag },
            Workspaces = { ["Bad Id"] = new DlpWorkspaceOptions { Rules = { ["emails"] = DlpAction.Off } } },
            MatchTimeout = TimeSpan.Zero,
        };

        var result = new DlpOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Dlp:MatchTimeout", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dlp:Rules:aws-key names no DLP rule", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dlp:Workspaces:Bad Id:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Dlp:Workspaces:Bad Id:Rules:emails names no DLP rule", StringComparison.Ordinal));
    }
}
