using AgentLedger.Core.Governance;

namespace AgentLedger.Core.Tests.Governance;

public sealed class UsageAnomalyRuleTests
{
    private static readonly UsageAnomalyRule Rule = new();

    [Fact]
    public void Judge_FarAboveASteadyBaseline_Anomalous()
    {
        var verdict = Rule.Judge(40m, Enumerable.Repeat(5m, 14).ToList());
        Assert.Equal((true, 5m, 0m, 14), (verdict.Anomalous, verdict.BaselineMean, verdict.BaselineDeviation, verdict.ActiveBaselineDays));
    }

    [Theory]
    [InlineData(14.9, "under 3x the mean")]
    [InlineData(9.99, "under the minimum credits")]
    public void Judge_NotFarEnoughAbove_NotAnomalous(double credits, string why)
    {
        Assert.False(Rule.Judge((decimal)credits, Enumerable.Repeat(5m, 14).ToList()).Anomalous, why);
    }

    [Fact]
    public void Judge_WithinAUsuallyWideSwing_NotAnomalous()
    {
        // mean 10, deviation 10: 25 credits is 2.5x... and 30 is 3x the mean but only 2 deviations above it.
        var swinging = Enumerable.Range(0, 14).Select(i => i % 2 == 0 ? 20m : 0m).ToList();
        Assert.False(Rule.Judge(30m, swinging).Anomalous);
        Assert.True(Rule.Judge(41m, swinging).Anomalous);
    }

    [Fact]
    public void Judge_NewcomerWithoutBaseline_NotAnomalous()
    {
        var newcomer = Enumerable.Repeat(0m, 11).Concat([1m, 1m, 1m]).ToList();
        Assert.False(Rule.Judge(500m, newcomer).Anomalous);
    }

    [Fact]
    public void Pseudonyms_StablePerKeyAndUnlinkableAcrossKeys()
    {
        var key = Pseudonyms.NewKey();
        var other = Pseudonyms.NewKey();
        Assert.Equal(Pseudonyms.Of(key, "user-1"), Pseudonyms.Of(key, "user-1"));
        Assert.NotEqual(Pseudonyms.Of(key, "user-1"), Pseudonyms.Of(key, "user-2"));
        Assert.NotEqual(Pseudonyms.Of(key, "user-1"), Pseudonyms.Of(other, "user-1"));
        Assert.True(Pseudonyms.LooksLikePseudonym(Pseudonyms.Of(key, "user-1")));
        Assert.False(Pseudonyms.LooksLikePseudonym("ana@example.com"));
    }
}
