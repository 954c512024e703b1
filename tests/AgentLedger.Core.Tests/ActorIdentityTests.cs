using AgentLedger.Core.Records;

namespace AgentLedger.Core.Tests;

public sealed class ActorIdentityTests
{
    [Fact]
    public void Keys_AreNormalisedNamespacedAndOrderedByAuthority()
    {
        var actor = new ActorIdentity { Login = "Octo", ExternalId = "ext-1", AccountId = " acct-9 ", Email = " Ana@Example.COM " };

        Assert.Equal(["email:ana@example.com", "account:acct-9", "external:ext-1", "login:octo"], actor.Keys());
    }

    [Fact]
    public void Keys_BlankIdentifiers_AreIgnored() =>
        Assert.True(new ActorIdentity { Email = "", Login = null, DisplayName = "Ana" }.IsEmpty);
}
