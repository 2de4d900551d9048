// Command template-oracle renders Go text/template with Sprig's hermetic functions, as
// image-automation-controller renders commit messages, for Tideline's differential tests. It
// reads one JSON request per line on stdin and writes one JSON answer per line, in order:
//
//	{"template":"...","flux":{...}}  -> data is image-automation-controller's TemplateData
//	{"template":"...","json":<any>}  -> data is the JSON value decoded into interface{}
//	-> {"output":"..."} or {"phase":"parse|exec","error":"..."}
//
// Build (Debian's golang-go and golang-github-masterminds-sprig-dev, GOPATH mode), see the test.
package main

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"

	"tideline/source"
	"tideline/types"
	"tideline/update"
	"tideline/yaml"
)

type fluxChange struct {
	OldValue string `json:"oldValue"`
	NewValue string `json:"newValue"`
	Setter   string `json:"setter"`
}

type fluxObject struct {
	Object  yaml.ResourceIdentifier `json:"object"`
	Changes []fluxChange            `json:"changes"`
}

type fluxData struct {
	Automation types.NamespacedName `json:"automation"`
	Files      map[string][]fluxObject `json:"files"`
	Values     map[string]string       `json:"values"`
}

type request struct {
	Template string          `json:"template"`
	Flux     *fluxData       `json:"flux"`
	JSON     json.RawMessage `json:"json"`
}

type answer struct {
	Output string `json:"output"`
	Phase  string `json:"phase,omitempty"`
	Error  string `json:"error,omitempty"`
}

func data(r request) interface{} {
	if r.Flux != nil {
		result := update.Result{}
		if r.Flux.Files != nil {
			result.FileChanges = map[string]update.ObjectChanges{}
			for file, objects := range r.Flux.Files {
				changes := update.ObjectChanges{}
				for _, o := range objects {
					id := update.ObjectIdentifier{ResourceIdentifier: o.Object}
					for _, c := range o.Changes {
						changes[id] = append(changes[id], update.Change{OldValue: c.OldValue, NewValue: c.NewValue, Setter: c.Setter})
					}
				}
				result.FileChanges[file] = changes
			}
		}
		return source.TemplateData{AutomationObject: r.Flux.Automation, Changed: result, Values: r.Flux.Values}
	}
	if len(r.JSON) == 0 {
		return nil
	}
	var v interface{}
	if err := json.Unmarshal(r.JSON, &v); err != nil {
		return nil
	}
	return v
}

func respond(r request) (a answer) {
	defer func() {
		if p := recover(); p != nil {
			a = answer{Phase: "panic", Error: "panic"}
		}
	}()
	t, err := template.New("commit message").Funcs(sprig.HermeticTxtFuncMap()).Parse(r.Template)
	if err != nil {
		return answer{Phase: "parse", Error: err.Error()}
	}
	b := &strings.Builder{}
	if err := t.Execute(b, data(r)); err != nil {
		return answer{Phase: "exec", Error: err.Error(), Output: b.String()}
	}
	return answer{Output: b.String()}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 4*1024*1024), 4*1024*1024)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			_ = enc.Encode(answer{Phase: "request", Error: err.Error()})
			continue
		}
		_ = enc.Encode(respond(r))
	}
}
