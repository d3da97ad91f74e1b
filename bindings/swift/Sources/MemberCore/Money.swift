// Money with its currency and tax rules (membercore/money.h): every amount the core returns is
// an integer count of its currency's minor unit (paise, pence) with its ISO 4217 code. A
// building prices everything in its own currency; nothing is converted. Show `formatted`
// ("₹944.00", "£30.00"), made by the core's mc_money_format, never the integer.
import CMemberCore

/// An amount with its currency (`mc_money`).
public struct Money: Sendable, Hashable, CustomStringConvertible {
    /// The amount in the currency's minor unit, e.g. 3000 for £30.00.
    public var minor: Int64
    /// The ISO 4217 code, e.g. "GBP".
    public var currency: String
    /// As a member reads it, e.g. "£30.00" or "₹42,480.00" (the core's text).
    public var formatted: String { Money.format(cValue) }
    public var description: String { formatted }

    public init(minor: Int64, currency: String) {
        self.minor = minor
        self.currency = currency
    }

    init(_ m: mc_money) {
        minor = m.minor
        currency = withUnsafeBytes(of: m.currency) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }

    var cValue: mc_money {
        var m = mc_money()
        m.minor = minor
        withUnsafeMutableBytes(of: &m.currency) { raw in
            for (i, byte) in currency.utf8.prefix(3).enumerated() { raw[i] = byte }
        }
        return m
    }

    static func format(_ m: mc_money) -> String {
        var buffer = [CChar](repeating: 0, count: Int(MC_MONEY_TEXT_MAX))
        _ = mc_money_format(m, &buffer, buffer.count)
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}

/// A tax rule as a building charges it (`mc_tax`): GST 18% in India, VAT 20% in the UK.
public struct Tax: Sendable, Hashable, CustomStringConvertible {
    /// "GST", "VAT"; empty when no tax applies.
    public var name: String
    /// The rate in basis points (1/100 of a percent): 2000 is 20%.
    public var rateBasisPoints: Int
    /// As a member reads it: "VAT 20%" (the core's mc_tax_format).
    public var formatted: String
    public var description: String { formatted }

    init(_ t: mc_tax) {
        name = withUnsafeBytes(of: t.name) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        rateBasisPoints = Int(t.rate_bp)
        var buffer = [CChar](repeating: 0, count: Int(MC_MONEY_TEXT_MAX))
        _ = mc_tax_format(t, &buffer, buffer.count)
        formatted = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }
}
