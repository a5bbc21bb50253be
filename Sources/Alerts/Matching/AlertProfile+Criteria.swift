import Domain
import Foundation
public import JSON

/// A profile's criteria as the store keeps them (`alert_profiles.criteria`), with the same keys as
/// `config/alerts.yaml`. Criteria left empty are left out.
extension AlertProfile {
    public var criteria: JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        func strings(_ key: String, _ values: [String]) {
            if !values.isEmpty { members.append((key, .array(values.map(JSONValue.string)))) }
        }
        if remote != .any { members.append(("remote", .string(remote.rawValue))) }
        strings("locations", locations)
        strings("employment_types", employmentTypes.map(\.rawValue))
        strings("seniority", seniority.map(\.rawValue))
        strings("include_keywords", includeKeywords)
        strings("exclude_keywords", excludeKeywords)
        if !skills.isEmpty {
            members.append(("skills", .object(skills.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.number($0.value)) })))
        }
        if let minimumSalary { members.append(("min_salary", .integer(Int64(minimumSalary)))) }
        strings("companies", companies)
        strings("exclude_companies", excludedCompanies)
        if let maxAgeDays { members.append(("max_age_days", .integer(Int64(maxAgeDays)))) }
        members.append(("threshold", .number(threshold)))
        return .object(members)
    }

    /// The profile named `name` with stored criteria. Keys it does not know are ignored, so that a
    /// database written by a newer version still loads.
    public init(name: String, criteria: JSONValue) {
        func strings(_ key: String) -> [String] { (criteria[key]?.arrayValue ?? []).compactMap(\.stringValue) }
        var skills: [String: Double] = [:]
        if case .object(let members)? = criteria["skills"] {
            for (skill, weight) in members { if let weight = weight.numericValue, weight > 0 { skills[skill] = weight } }
        }
        self.init(
            name: name, remote: criteria["remote"]?.stringValue.flatMap(RemoteRequirement.init) ?? .any, locations: strings("locations"),
            employmentTypes: strings("employment_types").compactMap(EmploymentType.init), includeKeywords: strings("include_keywords"),
            excludeKeywords: strings("exclude_keywords"), skills: skills,
            minimumSalary: criteria["min_salary"]?.integerValue.map { Int($0) }, companies: strings("companies"),
            excludedCompanies: strings("exclude_companies"), maxAgeDays: criteria["max_age_days"]?.integerValue.map { Int($0) },
            threshold: criteria["threshold"]?.numericValue ?? 0.5, seniority: strings("seniority").compactMap(Seniority.init))
    }
}

extension AlertProfile {
    /// What the profile asks for, in a line: "remote only · skills go×3, postgresql · at least
    /// $140k · in NYC · threshold 0.6".
    public var summary: String {
        var parts: [String] = []
        switch remote {
        case .required: parts.append("remote only")
        case .remoteOrHybrid: parts.append("remote or hybrid")
        case .any: break
        }
        if !skills.isEmpty {
            parts.append(
                "skills "
                    + skills.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { skill, weight in
                        weight == 1 ? skill : "\(skill)×\(weight == weight.rounded() ? String(Int(weight)) : String(weight))"
                    }.joined(separator: ", "))
        }
        if let minimumSalary {
            parts.append(
                "at least "
                    + ProfileMatcher.salaryText(JobPosting(salaryMin: minimumSalary, currency: "USD")))
        }
        if !locations.isEmpty { parts.append("in " + locations.joined(separator: " or ")) }
        if !employmentTypes.isEmpty {
            parts.append(employmentTypes.map(\.words).joined(separator: " or "))
        }
        if !seniority.isEmpty { parts.append(seniority.map(\.rawValue).joined(separator: " or ") + " level") }
        if !includeKeywords.isEmpty { parts.append("mentioning " + includeKeywords.joined(separator: " or ")) }
        if !excludeKeywords.isEmpty { parts.append("not mentioning " + excludeKeywords.joined(separator: " or ")) }
        if !companies.isEmpty { parts.append("at " + companies.joined(separator: " or ")) }
        if !excludedCompanies.isEmpty { parts.append("not at " + excludedCompanies.joined(separator: " or ")) }
        if let maxAgeDays { parts.append("posted within \(maxAgeDays) days") }
        parts.append("threshold \(threshold)")
        return parts.joined(separator: " · ")
    }
}
