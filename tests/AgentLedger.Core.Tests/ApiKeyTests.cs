using AgentLedger.Core.Keys;

namespace AgentLedger.Core.Tests;

public sealed class ApiKeyTests
{
    [Fact]
    public void Generate_TokenParsesBackAndMatchesItsHash()
    {
        var key = ApiKeySecret.Generate();

        Assert.True(ApiKeySecret.TryParse(key.Token, out var parsed));
        Assert.Equal(key.KeyId, parsed.KeyId);
        Assert.True(parsed.Matches(key.Hash()));
        Assert.False(ApiKeySecret.Generate().Matches(key.Hash()));
    }

    [Fact]
    public void Generate_TokenAvoidsCharactersThatOtelHeaderParsingSplitsOn()
    {
        for (var i = 0; i < 200; i++)
        {
            var token = ApiKeySecret.Generate().Token;
            Assert.DoesNotContain(',', token);
            Assert.DoesNotContain('=', token);
            Assert.DoesNotContain(' ', token);
            Assert.DoesNotContain('%', token);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk-abc")]
    [InlineData("al_0123456789ABCDEF_secret")]
    [InlineData("al_0123456789abcdef-secret")]
    [InlineData("al_0123")]
    public void TryParse_NotAnAgentLedgerKey_ReturnsFalse(string token) =>
        Assert.False(ApiKeySecret.TryParse(token, out _));

    [Theory]
    [InlineData(ApiKeyScope.Admin, ApiKeyScope.ComplianceAdmin, true)]
    [InlineData(ApiKeyScope.ComplianceAdmin, ApiKeyScope.ComplianceRead, true)]
    [InlineData(ApiKeyScope.ComplianceRead, ApiKeyScope.ComplianceAdmin, false)]
    [InlineData(ApiKeyScope.Ingest, ApiKeyScope.AnalyticsRead, false)]
    [InlineData(ApiKeyScope.Ingest | ApiKeyScope.AnalyticsRead, ApiKeyScope.AnalyticsRead, true)]
    public void Allows_AppliesImplications(ApiKeyScope granted, ApiKeyScope required, bool expected) =>
        Assert.Equal(expected, ApiKeyScopes.Allows(granted, required));

    [Fact]
    public void Parse_UnknownScope_NamesIt()
    {
        var error = Assert.Throws<FormatException>(() => ApiKeyScopes.Parse("ingest, analytics.write"));
        Assert.Contains("'analytics.write'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatThenParse_RoundTrips()
    {
        var scopes = ApiKeyScope.Ingest | ApiKeyScope.ComplianceRead;
        Assert.Equal(scopes, ApiKeyScopes.Parse(ApiKeyScopes.Format(scopes)));
    }
}
