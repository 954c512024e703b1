using System.ComponentModel.DataAnnotations;

namespace AgentLedger.Server.Features.Ingestion.Otlp;

/// <summary>The OTLP/gRPC receiver (configuration section <c>Otlp:Grpc</c>): its own HTTP/2 port, 4317 by default.</summary>
public sealed class OtlpGrpcOptions
{
    public const string SectionName = "Otlp:Grpc";

    public bool Enabled { get; set; } = true;

    /// <summary>The address to listen on; loopback by default, like the HTTP port. <c>0.0.0.0</c> or <c>::</c> for all interfaces.</summary>
    [Required]
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The OTLP/gRPC port; 0 picks a free one (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 4317;
}
