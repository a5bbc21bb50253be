import Domain
import JSON
import JSONSchema
import Logging
import Support

/// From a call's answer to one outcome per message: what is valid is grounded and kept; what is
/// invalid gets one repair round; what is missing, refused or cut off is asked again in smaller
/// calls; what stays wrong fails with the reason.
extension LLMExtractor {
    func ask(_ items: [ExtractionInput]) async -> [String: ExtractionOutcome] {
        var ledger = CallLedger()
        let decided = await ask(items, ledger: &ledger)
        let ungrounded = decided.values.reduce(0) { $0 + $1.ungrounded }
        if ungrounded > 0 { await state.count { $0.ungroundedCompanies += ungrounded } }
        return Dictionary(uniqueKeysWithValues: decided.map { id, decision in (id, decision.outcome(id: id, ledger: ledger)) })
    }

    private func ask(_ items: [ExtractionInput], ledger: inout CallLedger) async -> [String: Decision] {
        let response: ChatCompletionResponse
        switch await call(items, ledger: &ledger) {
        case .deferred(let reason, let wait):
            return Self.all(items, .failure(ExtractionError(reason, retryable: true, deferral: wait)))
        case .failed(let error, let maxTokens):
            if case .contextExceeded(let limit)? = error.serverKind {
                // Fewer messages, a smaller max_tokens, one call at a time; one message alone may still fit.
                let lowered = await state.contextExceeded(count: items.count, maxTokens: maxTokens, limit: limit)
                if items.count > 1 { return await askInHalves(items, ledger: &ledger) }
                if lowered { return await ask(items, ledger: &ledger) }
                return Self.all(
                    items,
                    .failure(
                        ExtractionError(
                            "the message does not fit the model server's context: \(error)", retryable: false)))
            }
            // A request the server will not take whole, a model whose output broke the server's
            // parser, or a slow model: in halves each part may pass.
            if items.count > 1, case .refused = error { return await askInHalves(items, ledger: &ledger) }
            if items.count > 1, error.serverKind == .responseFormat || error.isTimeout { return await askInHalves(items, ledger: &ledger) }
            let badAnswer = error.serverKind == .responseFormat
            return Self.all(
                items,
                .failure(
                    ExtractionError(
                        badAnswer ? "the model's output was refused by its server: \(error)" : "the model server failed: \(error)",
                        retryable: error.isOutage)))
        case .answered(let answer):
            response = answer
        }

        guard response.hasChoices else {
            return Self.all(items, .failure(ExtractionError("the model server answered with no choices", retryable: true)))
        }
        if let refusal = response.refusal ?? (response.finishReason == "content_filter" ? "content filter" : nil) {
            // One message may be what the model objects to: alone, the others go through.
            if items.count > 1 { return await askAlone(items, ledger: &ledger) }
            return Self.all(items, .failure(ExtractionError("the model refused: \(Self.short(refusal))", retryable: false)))
        }
        if response.finishReason == "length" {
            // Cut off at max_tokens: fewer messages make a shorter answer.
            if items.count > 1 { return await askInHalves(items, ledger: &ledger) }
            return Self.all(
                items,
                .failure(
                    ExtractionError(
                        "the model's answer was cut off at its token limit (finish_reason length)", retryable: false)))
        }

        let answer = ModelAnswer(content: response.content ?? "", ids: Set(items.map(\.id)), prompt: prompt)
        if !answer.problems.isEmpty { return await repair(items, errors: answer.problems, ledger: &ledger) }
        var decided: [String: Decision] = [:]
        var invalid: [(item: ExtractionInput, errors: [String])] = []
        var missing: [ExtractionInput] = []
        for item in items {
            switch answer.verdicts[item.id] {
            case .valid(let json)?: decided[item.id] = finish(json, for: item)
            case .invalid(let violations)?: invalid.append((item, violations.map { "results[id=\(item.id)]\($0.description)" }))
            case nil: missing.append(item)
            }
        }
        if answer.unknownIDs > 0 { logger.info("the model answered for \(answer.unknownIDs) message ids it was not asked about") }
        if !invalid.isEmpty {
            let repaired = await repair(invalid.map(\.item), errors: invalid.flatMap(\.errors), ledger: &ledger)
            decided.merge(repaired) { first, _ in first }
        }
        if !missing.isEmpty {
            let alone =
                missing.count == items.count && items.count == 1
                ? await repair(missing, errors: ["no result for id \(missing[0].id)"], ledger: &ledger)
                : await askAlone(missing, ledger: &ledger)
            decided.merge(alone) { first, _ in first }
        }
        return decided
    }

    /// The repair round: the same messages, fenced as before, and the validator's errors, fenced
    /// as data. What is still invalid after it fails for good.
    private func repair(_ items: [ExtractionInput], errors: [String], ledger: inout CallLedger) async -> [String: Decision] {
        await state.count { $0.repairCalls += 1 }
        let shown = Array(errors.prefix(40))
        logger.info("asking the model to repair an invalid answer: \(shown.prefix(3).joined(separator: "; "))")
        let extra = [ChatCompletionRequest.Message(role: "user", content: prompt.repairMessage(errors: shown))]
        let response: ChatCompletionResponse
        switch await call(items, extra: extra, ledger: &ledger) {
        case .deferred(let reason, let wait):
            return Self.all(items, .failure(ExtractionError(reason, retryable: true, deferral: wait)))
        case .failed(let error, let maxTokens):
            // The repair did not fit: as for the first call, smaller and one at a time.
            if case .contextExceeded(let limit)? = error.serverKind {
                let lowered = await state.contextExceeded(count: items.count, maxTokens: maxTokens, limit: limit)
                if items.count > 1 { return await askInHalves(items, ledger: &ledger) }
                if lowered { return await repair(items, errors: errors, ledger: &ledger) }
            }
            return Self.all(items, .failure(ExtractionError("the model server failed: \(error)", retryable: error.isOutage)))
        case .answered(let answer):
            response = answer
        }
        let answer = ModelAnswer(content: response.content ?? "", ids: Set(items.map(\.id)), prompt: prompt)
        var decided: [String: Decision] = [:]
        for item in items {
            let reason: String
            switch (answer.problems.first, answer.verdicts[item.id]) {
            case (nil, .valid(let json)?):
                decided[item.id] = finish(json, for: item)
                continue
            case (let problem?, _):
                reason = problem
            case (nil, .invalid(let violations)?):
                reason = violations.prefix(3).map(\.description).joined(separator: "; ")
            case (nil, nil):
                reason = "no result for this message"
            }
            let refused = response.refusal.map { "the model refused: \(Self.short($0))" }
            let cutOff = response.finishReason == "length" ? "the model's answer was cut off at its token limit" : nil
            decided[item.id] = Decision(
                result: .failure(
                    ExtractionError(
                        "invalid answer after a repair round: \(refused ?? cutOff ?? reason)", retryable: false)))
        }
        return decided
    }

    private func askInHalves(_ items: [ExtractionInput], ledger: inout CallLedger) async -> [String: Decision] {
        let middle = items.count / 2
        var decided = await ask(Array(items[..<middle]), ledger: &ledger)
        decided.merge(await ask(Array(items[middle...]), ledger: &ledger)) { first, _ in first }
        return decided
    }

    private func askAlone(_ items: [ExtractionInput], ledger: inout CallLedger) async -> [String: Decision] {
        var decided: [String: Decision] = [:]
        for item in items {
            decided.merge(await ask([item], ledger: &ledger)) { first, _ in first }
        }
        return decided
    }

    /// A valid result, made safe: companies the message does not name are dropped, names are
    /// canonical (a name outside the catalog is also listed as unknown, for `companies suggest`), a
    /// spam message reports nothing, and kind and fields agree.
    func finish(_ json: JSONValue, for item: ExtractionInput) -> Decision {
        let parsed: ExtractionResult
        do {
            parsed = try ExtractionResult(contract: json)
        } catch {
            return Decision(result: .failure(ExtractionError("the answer does not fit the contract: \(error)", retryable: false)))
        }
        let tokens = TextTokenizer.tokenize(item.content)
        var ungrounded = 0
        var result = ExtractionResult(kind: parsed.kind, spam: parsed.spam)
        if parsed.spam {
            result.kind = .other
        } else if parsed.kind == .stageUpdate {
            var furthest: [String: Int] = [:]
            for update in parsed.updates {
                guard let name = grounding.groundedName(update.company, tokens: tokens) else {
                    ungrounded += 1
                    continue
                }
                // A name outside the catalog is kept as written, as the rule extractor keeps it, and
                // offered to admins to add as a company or an alias (`companies suggest`).
                if case .unknown = grounding.catalog.resolve(name), !result.unknownCompanies.contains(name) {
                    result.unknownCompanies.append(name)
                }
                var kept = update
                kept.company = name
                if let index = furthest[name] {
                    if result.updates[index].stage.precedence < update.stage.precedence { result.updates[index] = kept }
                } else {
                    furthest[name] = result.updates.count
                    result.updates.append(kept)
                }
            }
            if result.updates.isEmpty { result.kind = .other }
        } else if parsed.kind == .jobPosting, var posting = parsed.posting {
            if let company = posting.company {
                posting.company = grounding.groundedName(company, tokens: tokens)
                if posting.company == nil { ungrounded += 1 }
            }
            var skills: [String] = []
            for skill in posting.skills {
                let name = SkillVocabulary.normalize(skill) ?? skill.lowercased()
                if !skills.contains(name) { skills.append(name) }
            }
            posting.skills = skills
            result.posting = posting
        }
        if ungrounded > 0 {
            logger.info("dropped \(ungrounded) compan\(ungrounded == 1 ? "y" : "ies") the model named but message \(item.id) does not")
            for _ in 0..<ungrounded { LLMMetrics.ungroundedCompany() }
        }
        return Decision(result: .success(result), rawOutput: json.serialized, ungrounded: ungrounded)
    }

    private static func all(_ items: [ExtractionInput], _ result: Result<ExtractionResult, ExtractionError>) -> [String: Decision] {
        Dictionary(uniqueKeysWithValues: items.map { ($0.id, Decision(result: result)) })
    }

    static func short(_ text: String) -> String {
        text.firstLine.clipped(to: 200)
    }
}

/// What was decided for one message, before its share of the calls is added.
struct Decision: Sendable {
    var result: Result<ExtractionResult, ExtractionError>
    var rawOutput: String?
    var ungrounded = 0

    func outcome(id: String, ledger: CallLedger) -> ExtractionOutcome {
        let tokens = ledger.tokens[id]
        return ExtractionOutcome(
            id: id, result: result, rawOutput: rawOutput, latencyMilliseconds: (ledger.time[id] ?? .zero).milliseconds,
            promptTokens: tokens?.prompt, completionTokens: tokens?.completion)
    }
}
