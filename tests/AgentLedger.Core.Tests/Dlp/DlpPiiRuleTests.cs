using AgentLedger.Core.Dlp;

namespace AgentLedger.Core.Tests.Dlp;

public sealed class DlpPiiRuleTests
{
    [Theory]
    [InlineData(DlpRuleIds.Email, "연락처john.doe@example.com입니다", "john.doe@example.com")]
    [InlineData(DlpRuleIds.Email, "mail <a.b+tag@mail.example.co.uk>.", "a.b+tag@mail.example.co.uk")]
    [InlineData(DlpRuleIds.Email, "bounces come from x.y@example.org: that mailbox", "x.y@example.org")]
    [InlineData(DlpRuleIds.PaymentCard, "card 4111 1111 1111 1111 exp 12/29", "4111 1111 1111 1111")]
    [InlineData(DlpRuleIds.PaymentCard, "카드번호5555555555554444로 결제", "5555555555554444")]
    [InlineData(DlpRuleIds.PaymentCard, "amex 3782-822463-10005", "3782-822463-10005")]
    [InlineData(DlpRuleIds.PaymentCard, "discover 6011000090139423.", "6011000090139423")]
    [InlineData(DlpRuleIds.Iban, "IBAN DE89 3704 0044 0532 0130 00 bitte", "DE89 3704 0044 0532 0130 00")]
    [InlineData(DlpRuleIds.Iban, "계좌GB82WEST12345698765432로", "GB82WEST12345698765432")]
    [InlineData(DlpRuleIds.Iban, "FR1420041010050500013M02606", "FR1420041010050500013M02606")]
    [InlineData(DlpRuleIds.PhoneNumber, "전화010-1234-5678로 연락", "010-1234-5678")]
    [InlineData(DlpRuleIds.PhoneNumber, "call +1 (415) 555-2671 today", "+1 (415) 555-2671")]
    [InlineData(DlpRuleIds.PhoneNumber, "whatsapp +14155552671", "+14155552671")]
    [InlineData(DlpRuleIds.PhoneNumber, "office (415) 555-2671", "(415) 555-2671")]
    [InlineData(DlpRuleIds.PhoneNumber, "서울02-312-3456번", "02-312-3456")]
    [InlineData(DlpRuleIds.PhoneNumber, "+82 10-1234-5678", "+82 10-1234-5678")]
    [InlineData(DlpRuleIds.UsSocialSecurityNumber, "SSN: 536-22-1234.", "536-22-1234")]
    [InlineData(DlpRuleIds.KoreanResidentNumber, "주민번호850101-1234566입니다", "850101-1234566")]
    [InlineData(DlpRuleIds.KoreanResidentNumber, "rrn=9203152345674", "9203152345674")]
    public void Scan_PersonalDataInText_FindsExactlyTheValue(string rule, string text, string expected)
    {
        var found = DlpTestScanner.Find(text);

        Assert.Contains((rule, expected), found);
        Assert.Single(found);
    }

    [Theory]
    [InlineData(DlpRuleIds.Email, "git@github.com:acme/repo.git")]
    [InlineData(DlpRuleIds.Email, "user@localhost")]
    [InlineData(DlpRuleIds.Email, "@decorator.method")]
    [InlineData(DlpRuleIds.PaymentCard, "4111 1111 1111 1112")]
    [InlineData(DlpRuleIds.PaymentCard, "1234567812345670")]
    [InlineData(DlpRuleIds.PaymentCard, "order 41111111111111110")]
    [InlineData(DlpRuleIds.PaymentCard, "4111-1111 1111-1111")]
    [InlineData(DlpRuleIds.PaymentCard, "ts 1700000000000 ms")]
    [InlineData(DlpRuleIds.Iban, "DE89 3704 0044 0532 0130 01")]
    [InlineData(DlpRuleIds.Iban, "DE89370400440532013000123")]
    [InlineData(DlpRuleIds.Iban, "ZZ89370400440532013000")]
    [InlineData(DlpRuleIds.PhoneNumber, "released 2024-01-15")]
    [InlineData(DlpRuleIds.PhoneNumber, "version 1.2.3")]
    [InlineData(DlpRuleIds.PhoneNumber, "id 12345678901")]
    [InlineData(DlpRuleIds.PhoneNumber, "415-555.2671")]
    [InlineData(DlpRuleIds.PhoneNumber, "+12 3")]
    [InlineData(DlpRuleIds.UsSocialSecurityNumber, "666-22-1234")]
    [InlineData(DlpRuleIds.UsSocialSecurityNumber, "000-22-1234")]
    [InlineData(DlpRuleIds.UsSocialSecurityNumber, "936-22-1234")]
    [InlineData(DlpRuleIds.UsSocialSecurityNumber, "536-00-1234")]
    [InlineData(DlpRuleIds.UsSocialSecurityNumber, "536-22-0000")]
    [InlineData(DlpRuleIds.UsSocialSecurityNumber, "123-45-6789")]
    [InlineData(DlpRuleIds.UsSocialSecurityNumber, "1536-22-1234")]
    [InlineData(DlpRuleIds.KoreanResidentNumber, "850101-1234567")]
    [InlineData(DlpRuleIds.KoreanResidentNumber, "851301-1234566")]
    [InlineData(DlpRuleIds.KoreanResidentNumber, "850101-9234566")]
    public void Scan_NearMiss_FindsNothingForTheRule(string rule, string text)
    {
        Assert.DoesNotContain(DlpTestScanner.Find(text), f => f.Rule == rule);
    }

    [Theory]
    [InlineData("4111111111111111", true)]
    [InlineData("4111111111111112", false)]
    [InlineData("79927398713", true)]
    public void PassesLuhn_KnownNumbers_MatchesTheCheck(string number, bool expected) =>
        Assert.Equal(expected, DlpChecks.PassesLuhn(number));

    [Theory]
    [InlineData("GB82WEST12345698765432", true)]
    [InlineData("GB82WEST12345698765433", false)]
    [InlineData("NL91ABNA0417164300", true)]
    [InlineData("gb82west12345698765432", false)]
    public void PassesIbanMod97_KnownIbans_MatchesTheCheck(string iban, bool expected) =>
        Assert.Equal(expected, DlpChecks.PassesIbanMod97(iban));

    [Theory]
    [InlineData("AAAAAAAA", 0.0)]
    [InlineData("ABCDABCD", 2.0)]
    [InlineData("가나가나", 1.0)]
    public void Entropy_KnownStrings_IsShannonBitsPerCharacter(string value, double expected) =>
        Assert.Equal(expected, DlpChecks.Entropy(value), precision: 6);
}
