using System.Text.RegularExpressions;
using AgentLedger.Server.Features.Demo;

namespace AgentLedger.Server.Tests.Demo;

/// <summary>The planted findings have the shapes real detectors look for, and are clearly fake.</summary>
public sealed class DemoSecretsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Generate_AnySeed_ShapesThatDetectorsMatch(int seed)
    {
        var rng = new Random(seed);

        Assert.Matches(new Regex("^AKIA[0-9A-Z]{9}EXAMPLE$"), DemoSecrets.AwsAccessKeyId(rng));
        Assert.Matches(new Regex("^ghp_[A-Za-z0-9]{36}$"), DemoSecrets.GitHubToken(rng));
        Assert.Matches(new Regex("^-----BEGIN RSA PRIVATE KEY-----\n([A-Za-z0-9+/]{64}\n){6}-----END RSA PRIVATE KEY-----$"), DemoSecrets.PrivateKeyBlock(rng));
        Assert.Matches(new Regex(@"^[a-z]+\.[a-z]+@example\.org$"), DemoSecrets.CustomerEmail(rng));
        var card = DemoSecrets.CardNumber(rng);
        Assert.Matches(new Regex(@"^4000 00\d{2} \d{4} \d{4}$"), card);
        Assert.True(DemoSecrets.PassesLuhn(card), card);
        var rrn = DemoSecrets.KoreanResidentNumber(rng);
        Assert.Matches(new Regex(@"^\d{6}-[12]\d{6}$"), rrn);
        Assert.True(DemoSecrets.IsValidKoreanResidentNumber(rrn), rrn);
    }

    [Theory]
    [InlineData("4111 1111 1111 1111", true)]
    [InlineData("4111 1111 1111 1112", false)]
    [InlineData("79927398713", false)]
    [InlineData("4000 0012 3456 7899", true)]
    public void PassesLuhn_KnownNumbers_AsTheAlgorithmSays(string number, bool expected) =>
        Assert.Equal(expected, DemoSecrets.PassesLuhn(number));

    [Fact]
    public void Plants_AnyPlan_EverySlotUsedAndDaysInsideTheWindow()
    {
        var plan = DemoPlan.Create(new DemoOptions { Users = 5, Days = 3 }, DemoTestServer.Now);

        var plants = new DemoPlants(plan).All;

        Assert.Equal(Enum.GetValues<DemoPlantSlot>(), plants.Select(p => p.Slot).Distinct().Order());
        Assert.All(plants, p => Assert.InRange(p.Day, 0, plan.Days - 1));
        Assert.All(plants, p => Assert.Contains(p.Finding, p.Text, StringComparison.Ordinal));
    }
}
