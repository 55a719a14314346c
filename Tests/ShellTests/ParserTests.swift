import Shell
import Testing

@Suite("Lexer and parser")
struct ParserTests {
    /// A compact rendering of parsed statements: `target = [items]` with items as
    /// `w:word n:number s:string b:bool [..]` and options `key=value`.
    static func render(_ statements: [Statement]) -> String {
        statements.map { statement in
            (statement.target.map { "\($0) = " } ?? "") + statement.items.map { item -> String in
                switch item {
                case let .positional(value): return render(value)
                case let .option(key, _, value): return "\(key)=\(render(value))"
                }
            }.joined(separator: " ")
        }.joined(separator: " ; ")
    }

    static func render(_ value: SyntaxValue) -> String {
        switch value.kind {
        case let .word(text): return "w:\(text)"
        case let .number(number, _): return "n:\(number)"
        case let .string(text): return "s:\(text)"
        case let .boolean(flag): return "b:\(flag)"
        case let .list(items): return "[" + items.map(render).joined(separator: ",") + "]"
        }
    }

    static let validLines: [(line: String, parsed: String)] = [
        ("help", "w:help"),
        ("sae = train sae acts k=32 lr=1e-3", "sae = w:train w:sae w:acts k=n:32.0 lr=n:0.001"),
        ("x=load model models/minilm", "x = w:load w:model w:models/minilm"),
        ("top sae latent=3 data", "w:top w:sae latent=n:3.0 w:data"),
        ("set seed = 7", "w:set seed=n:7.0"),
        ("a -1 +2 .5 5. 2e3 1E-2", "w:a n:-1.0 n:2.0 n:0.5 n:5.0 n:2000.0 n:0.01"),
        ("a 1e 1.2.3 e5 - 0x10 inf", "w:a w:1e w:1.2.3 w:e5 w:- w:0x10 w:inf"),
        ("load text \"my file.txt\" 'it''s'", "w:load w:text s:my file.txt s:it s:s"),
        ("say \"a \\\"q\\\" \\\\ \\n\"", "w:say s:a \"q\" \\ \n"),
        ("f alphas=[0.1, 1, 10] names=[a,\"b\"] e=[] n=[[1],[2,3]]", "w:f alphas=[n:0.1,n:1.0,n:10.0] names=[w:a,s:b] e=[] n=[[n:1.0],[n:2.0,n:3.0]]"),
        ("f on=true off=false word=truest", "w:f on=b:true off=b:false word=w:truest"),
        ("ls; show x ;; del x", "w:ls ; w:show w:x ; w:del w:x"),
        ("ls # a comment; not a statement", "w:ls"),
        ("# only a comment", ""),
        ("load text file#1.txt", "w:load w:text w:file#1.txt"),
        ("load text my\\ file.txt x\\=y 1\\2", "w:load w:text w:my file.txt w:x=y w:12"),
        ("α = étudier données/été", "α = w:étudier w:données/été"),
        ("  \t ls  \t", "w:ls"),
        ("", ""),
    ]

    @Test func parsesValidLines() throws {
        for (line, expected) in Self.validLines {
            let statements = try Parser.parse(line)
            #expect(Self.render(statements) == expected, "line: \(line)")
        }
    }

    @Test func statementTextAndSpans() throws {
        let statements = try Parser.parse("  x = help  ;  ls ")
        #expect(statements.map(\.text) == ["x = help", "ls"])
        #expect(statements[0].targetSpan == SourceSpan(2, 3))
        #expect(statements[1].span == SourceSpan(15, 17))
    }

    /// Each bad line with the exact report: message, the line, and the caret.
    static let errorCases: [(line: String, report: String)] = [
        ("= x", "unexpected '=': options are written KEY=VALUE, results are stored with NAME = COMMAND\n  = x\n  ^"),
        ("x = = y", "expected a command after 'x =', found '='\n  x = = y\n      ^"),
        ("x =", "expected a command after 'x =', found the end of the statement\n  x =\n     ^"),
        ("x = k=3", "expected a command after 'x =', found 'k'\n  x = k=3\n      ^"),
        ("x = 3", "expected a command after 'x =', found '3'\n  x = 3\n      ^"),
        ("3 = help", "cannot store a result in '3': names start with a letter or _ and hold letters, digits and _\n  3 = help\n  ^"),
        ("a/b = help", "cannot store a result in 'a/b': names start with a letter or _ and hold letters, digits and _\n  a/b = help\n  ^~~"),
        ("true = help", "cannot store a result in 'true': names start with a letter or _ and hold letters, digits and _\n  true = help\n  ^~~~"),
        ("set \"k\"=3", "'\"k\"' cannot name an option: options are written KEY=VALUE with a word as KEY\n  set \"k\"=3\n      ^~~"),
        ("set seed=", "expected a value after 'seed=', found the end of the statement\n  set seed=\n           ^"),
        ("set seed=;", "expected a value after 'seed=', found ';'\n  set seed=;\n           ^"),
        ("set seed==3", "expected a value after 'seed=', found '='\n  set seed==3\n           ^"),
        ("set ]", "unexpected ']' outside a list\n  set ]\n      ^"),
        ("set a,b", "unexpected ',' outside a list\n  set a,b\n       ^"),
        ("set seed=[1, 2", "unterminated list: missing ']'\n  set seed=[1, 2\n           ^"),
        ("set seed=[1 2]", "expected ',' or ']' in the list, found '2'\n  set seed=[1 2]\n              ^"),
        ("set seed=[1,,2]", "expected ',' or ']' in the list, found ','\n  set seed=[1,,2]\n              ^"),
        ("set seed=\"x", "unterminated string: missing closing \"\n  set seed=\"x\n           ^~"),
        ("set plots='a\\q'", "unknown escape '\\q' in a string; known: \\\" \\' \\\\ \\n \\t\n  set plots='a\\q'\n              ^~"),
        ("set seed=3 \\", "a backslash at the end of the line escapes nothing\n  set seed=3 \\\n             ^"),
        ("help \u{1}", "unexpected control character U+0001\n  help \u{1}\n       ^"),
        ("set seed=1 seed=2", "option 'seed' is given twice\n  set seed=1 seed=2\n             ^~~~"),
        ("\"help\"", "expected a command, found string \"help\"; type help for the list of commands\n  \"help\"\n  ^~~~~~"),
        ("42", "expected a command, found '42'; type help for the list of commands\n  42\n  ^~"),
        ("\tx = [", "expected a command after 'x =', found '['\n  \tx = [\n  \t    ^"),
    ]

    @Test func errorsPointAtTheProblem() {
        for (line, expected) in Self.errorCases {
            do {
                let statements = try Parser.parse(line)
                Issue.record("parsed without error: \(line) -> \(Self.render(statements))")
            } catch {
                var located = error
                located.source = (nil, line)
                #expect(ErrorReport.render(located, includeLocation: true) == "error: " + expected + "\n", "line: \(line)")
            }
        }
    }

    @Test func partialTokenizingNeverFails() {
        #expect(Lexer.tokenizePartial("load text \"my fi").last?.kind == .string("my fi"))
        #expect(Lexer.tokenizePartial("x\\").last?.kind == .word("x", escaped: false))
    }

    @Test func numberSyntax() {
        for text in ["0", "-1", "+2", "3.", ".5", "1e5", "1E-5", "2.5e+3"] { #expect(Parser.isNumber(text), "\(text)") }
        for text in ["", "-", ".", "e5", "1e", "1.2.3", "1e5.0", "0x1", "inf", "nan", "1_000", "١٢"] { #expect(!Parser.isNumber(text), "\(text)") }
    }

    @Test func names() {
        for text in ["x", "_1", "sae2", "α"] { #expect(Parser.isName(text), "\(text)") }
        for text in ["", "1x", "a-b", "a/b", "a.b"] { #expect(!Parser.isName(text), "\(text)") }
    }
}
