using System.Text;
using AgentLedger.Core.Delivery;

namespace AgentLedger.Core.Tests.Delivery;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("whsec-test");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"a\":1}\n");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void Signature_is_hmac_sha256_of_timestamp_dot_body()
    {
        // Independently computed: printf '1800000000.{"a":1}\n' | openssl dgst -sha256 -hmac whsec-test
        using var hmac = new System.Security.Cryptography.HMACSHA256(Secret);
        var expected = "v1=" + Convert.ToHexStringLower(hmac.ComputeHash(Encoding.UTF8.GetBytes("1800000000.{\"a\":1}\n")));
        Assert.Equal(expected, WebhookSignature.Sign(Secret, 1_800_000_000, Body));
    }

    [Fact]
    public void Verify_accepts_its_own_signature_and_rejects_a_changed_body_secret_or_stale_timestamp()
    {
        var signature = WebhookSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body);
        var tolerance = TimeSpan.FromMinutes(5);
        Assert.True(WebhookSignature.Verify(Secret, "1800000000", signature, Body, Now, tolerance));
        Assert.False(WebhookSignature.Verify(Secret, "1800000000", signature, "{\"a\":2}\n"u8, Now, tolerance));
        Assert.False(WebhookSignature.Verify("other"u8, "1800000000", signature, Body, Now, tolerance));
        Assert.False(WebhookSignature.Verify(Secret, "1800000000", signature, Body, Now.AddMinutes(6), tolerance));
        Assert.False(WebhookSignature.Verify(Secret, "18e8", signature, Body, Now, tolerance));
    }
}
