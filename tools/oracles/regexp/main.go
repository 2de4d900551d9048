// Command regexp-oracle answers regular-expression questions with Go's own regexp package, for
// Tideline's differential tests of packages/core/src/regex. It reads one JSON request per line
// on stdin and writes one JSON answer per line on stdout, in order.
//
//	{"pattern":"^v(?P<n>[0-9]+)$","inputs":["v1","x"],"template":"n=$n"}
//	  -> {"valid":true,"names":["","n"],"results":[
//	       {"matches":true,"submatch":["v1","1"],"expanded":"n=1"},
//	       {"matches":false,"submatch":null,"expanded":""}]}
//	{"pattern":"(","inputs":[]}
//	  -> {"valid":false,"error":"error parsing regexp: missing closing ): `(`","names":null,"results":null}
//
// Standard library only; build in GOPATH mode with Debian's golang-go:
//
//	GO111MODULE=off go build -o regexp-oracle .
package main

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
)

type request struct {
	Pattern  string   `json:"pattern"`
	Inputs   []string `json:"inputs"`
	Template string   `json:"template"`
}

type result struct {
	Matches  bool     `json:"matches"`
	Submatch []string `json:"submatch"`
	Expanded string   `json:"expanded"`
}

type answer struct {
	Valid   bool     `json:"valid"`
	Error   string   `json:"error,omitempty"`
	Names   []string `json:"names"`
	Results []result `json:"results"`
}

func respond(r request) answer {
	re, err := regexp.Compile(r.Pattern)
	if err != nil {
		return answer{Error: err.Error()}
	}
	a := answer{Valid: true, Names: re.SubexpNames(), Results: []result{}}
	for _, in := range r.Inputs {
		res := result{Matches: re.MatchString(in), Submatch: re.FindStringSubmatch(in)}
		// Expand as ImagePolicy's filterTags.extract does: on the leftmost match's indexes.
		if m := re.FindStringSubmatchIndex(in); m != nil {
			res.Expanded = string(re.ExpandString(nil, r.Template, in, m))
		}
		a.Results = append(a.Results, res)
	}
	return a
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 16*1024*1024), 16*1024*1024)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			_ = enc.Encode(answer{Error: "bad request: " + err.Error()})
			continue
		}
		_ = enc.Encode(respond(r))
	}
}
