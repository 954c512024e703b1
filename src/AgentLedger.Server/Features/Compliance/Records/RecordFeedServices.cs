using AgentLedger.Core.Compliance;
using AgentLedger.Core.Records;
using AgentLedger.Server.Features.Compliance.Audit;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AgentLedger.Server.Features.Compliance.Records;

/// <summary>What the feed's handlers need from the container, bound with <c>[AsParameters]</c>.</summary>
public sealed record RecordFeedServices(
    IRecordReader Records,
    IComplianceRecordReader Reader,
    ComplianceAuditor Auditor,
    ProductInfo Product,
    IOptions<JsonOptions> Json);
