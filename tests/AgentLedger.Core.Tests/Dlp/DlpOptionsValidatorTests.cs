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

    [Fact]
    public void Validate_ShortHashKey_NamesTheKeyWithoutEchoingIt()
    {
        var result = new DlpOptionsValidator().Validate(null, new DlpOptions { HashKey = "too-short-secret" });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Dlp:HashKey is 16 characters; it must be at least 32", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("too-short-secret", failure, StringComparison.Ordinal);
        Assert.True(new DlpOptionsValidator().Validate(null, new DlpOptions { HashKey = new string('k', 32) }).Succeeded);
    }
}
