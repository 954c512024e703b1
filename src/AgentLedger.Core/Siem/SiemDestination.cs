namespace AgentLedger.Core.Siem;

/// <summary>One configured SIEM destination of a workspace. Its delivery progress is <see cref="SiemDeliveryState"/>.</summary>
public sealed record SiemDestination
{
    public required string WorkspaceId { get; init; }

    /// <summary>Time-sortable id (32 hex digits); also names its job lease (<c>siem.{id}</c>).</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required SiemDestinationKind Kind { get; init; }

    public bool Enabled { get; init; } = true;

    public required SiemPayloadFormat Format { get; init; }

    public SiemContentLevel ContentLevel { get; init; } = SiemContentLevel.Metadata;

    public SiemFilter Filter { get; init; } = SiemFilter.Everything;

    public required SiemEndpoint Endpoint { get; init; }

    public SiemSecrets Secrets { get; init; } = SiemSecrets.None;

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The job lease name: one deliverer per destination across every instance.</summary>
    public string LeaseName => "siem." + Id;
}
