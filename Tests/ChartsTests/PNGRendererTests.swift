import Charts
import Testing

@Suite struct PNGRendererTests {
    @Test(arguments: Sample.allCases) func everyChartBecomesAPNGOfItsSize(sample: Sample) throws {
        let chart = sample.chart
        let size = SVGRenderer(size: .image).dimensions(of: chart)
        let image = try PNGRenderer.render(chart)
        let header = try #require(PNGHeader(image.bytes))
        #expect(header.width == size.width && header.height == size.height)
        #expect(image.width == size.width && image.height == size.height)
        let pixels = try PNGPixels(decoding: image.bytes)
        #expect(pixels.width == size.width && pixels.height == size.height)
        #expect(pixels.inkFraction > 0.01)
    }

    @Test func aBarChartIsDrawnInSeveralColours() throws {
        let image = try PNGPixels(decoding: PNGRenderer.render(Fixtures.bars).bytes)
        // The background, the text, two series colours, and their anti-aliased edges.
        #expect(image.distinctColorCount >= 4)
        #expect(image.inkFraction > 0.03 && image.inkFraction < 0.9)
    }

    @Test func scaleMultipliesThePixels() throws {
        let image = try PNGRenderer.render(Fixtures.bars, size: .web, theme: .light, scale: 2)
        let header = try #require(PNGHeader(image.bytes))
        #expect(header.width == 1440 && header.height == 720)
    }

    @Test func whatIsNotAPNGIsAnErrorInOneLine() {
        #expect(throws: ChartRenderingError.self) { try PNGPixels(decoding: Array("<svg/>".utf8)) }
    }

    @Test func brokenSVGIsAnErrorInOneLine() {
        #expect {
            try PNGRenderer.render(svg: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect></svg>")
        } throws: { error in
            guard let error = error as? ChartRenderingError else { return false }
            return error.message.hasPrefix("librsvg could not read the SVG") && !error.message.contains("\n")
        }
        #expect(throws: ChartRenderingError.self) { try PNGRenderer.render(svg: "not svg") }
        #expect(throws: ChartRenderingError.self) { try PNGRenderer.render(svg: "") }
        #expect(throws: ChartRenderingError.self) { try PNGRenderer.render(svg: SVGRenderer().render(Fixtures.bars), scale: 0) }
    }

    @Test func concurrentRendersSucceedAndAgree() async throws {
        let expected = try PNGRenderer.render(Fixtures.lines).bytes
        let images = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 {
                group.addTask { try PNGRenderer.render(Fixtures.lines).bytes }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(images.count == 8)
        #expect(images.allSatisfy { $0 == expected })
    }
}

/// The width and height from a PNG's IHDR chunk, after checking the signature.
struct PNGHeader {
    let width: Int
    let height: Int

    init?(_ bytes: [UInt8]) {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        // The signature, the chunk's length (13), "IHDR", then width and height big-endian.
        guard bytes.count >= 24, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func bigEndian(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        width = bigEndian(16)
        height = bigEndian(20)
    }
}
