namespace AgentLedger.Server.Features.Pricing;

/// <summary>Audit actions of price book changes (each is an <c>AUDIT_LOG</c> line with the whole new version).</summary>
public static class PricingAuditActions
{
    public const string VersionAdded = "PRICE_BOOK_VERSION_ADDED";
}
